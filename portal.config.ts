/**
 * The portal's configuration: the site, the repository requests open pull requests against, and
 * the team. Checked when the site builds, when the functions start and by `platform-portal check`;
 * every field is described in the guide "Configuration".
 */
import { definePortalConfig } from 'platform-portal/config';
import { campaign, capacity, feedback, incident, maintenance, onboarding } from 'platform-portal/requests';
import { kafkaTopic } from './src/requests/kafka-topic.ts';
import { offboarding } from './src/requests/offboarding.ts';
import { access } from './src/requests/access.ts';

export default definePortalConfig({
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
    labels: { onboarding: ['onboarding'], capacity: ['capacity'], feedback: ['feedback'], 'kafka-topic': ['kafka'], offboarding: ['offboarding'], access: ['access'] },
    reviewers: [],
    teamReviewers: [],
    feedbackPeriod: 'week',
    // The built-in types (campaign: tenants' owners update their campaign state; incident and
    // maintenance: the platform team's status), and the site's own day-2 requests (src/requests/).
    types: [onboarding, capacity, feedback, campaign, incident, maintenance, kafkaTopic, offboarding, access],
  },
  campaigns: {
    // The platform team members who may approve an exemption from a campaign.
    approvers: ['ravi-menon'],
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
});
