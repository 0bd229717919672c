/**
 * The one place a team that forks the portal edits to make it theirs. Validated by
 * PortalConfigSchema (src/schemas/site-config.ts) when the site builds and when functions start.
 */
import { PortalConfigSchema, type PortalConfigInput } from './packages/platform-portal/src/schemas/site-config.ts';

const config: PortalConfigInput = {
  title: 'Platform Portal',
  description: 'Guides, runbooks, roadmap and self-service for the Nimbus data platform.',
  site: 'https://portal.example.com',
  team: 'Nimbus Platform Team',
  github: {
    repository: 'nimbus-platform/platform-portal',
    baseBranch: 'main',
  },
  themes: ['developer-experience', 'security', 'observability', 'cost'],
  runbooks: { reviewAgeDays: 180 },
  requests: {
    branchPrefix: 'requests',
    labels: { onboarding: ['onboarding'], capacity: ['capacity'], feedback: ['feedback'] },
    reviewers: [],
    teamReviewers: [],
    feedbackPeriod: 'week',
  },
  community: {
    channels: [
      { label: '#platform-help', url: 'https://chat.example.com/channels/platform-help', description: 'Questions about using the platform; answered in business hours.' },
      { label: '#platform-announce', url: 'https://chat.example.com/channels/platform-announce', description: 'Releases, maintenance windows and incidents. Read-only.' },
    ],
    mailingList: { label: 'platform-users@example.com', url: 'mailto:platform-users@example.com', description: 'Monthly digest and breaking-change notices.' },
    officeHours: {
      when: 'Tuesdays 15:00–16:00 CET',
      where: { label: 'Video room "platform-office-hours"', url: 'https://meet.example.com/platform-office-hours' },
    },
    onCall: 'For a production outage, page "platform-oncall" in the paging tool; do not wait for chat.',
  },
};

export default PortalConfigSchema.parse(config);
