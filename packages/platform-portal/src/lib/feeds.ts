import type { RSSFeedItem } from '@astrojs/rss';
import type { Campaign } from '../schemas/campaign.ts';
import type { ReleaseNote } from '../schemas/release-note.ts';
import { eventUid, type DayEvent } from './calendar.ts';
import { campaignHref } from './campaign-figures.ts';
import { formatDate } from './dates.ts';
import { escapeHtml } from './html.ts';

export const CHANGELOG_PAGE_SIZE = 10;

const PREFIX: Partial<Record<ReleaseNote['type'], string>> = {
  breaking: 'BREAKING CHANGE',
  deprecation: 'DEPRECATION',
};

/**
 * One feed item per release note. Breaking changes and deprecations carry their kind in the title
 * and open with what to do, so a reader cannot miss them in a feed reader's list.
 */
export function releaseNoteFeedItem(id: string, note: ReleaseNote, site: string): RSSFeedItem {
  const prefix = PREFIX[note.type];
  const action = note.action_required ? `<p><strong>Action required:</strong> ${escapeHtml(note.action_required)}</p>` : '';
  return {
    title: prefix ? `${prefix}: ${note.title}` : note.title,
    link: new URL(`/changelog/${id}/`, site).href,
    pubDate: note.date,
    description: note.summary,
    content: `${action}<p>${escapeHtml(note.summary)}</p>`,
    categories: [note.type, ...note.areas],
  };
}

/** The calendar of every campaign's deadline. */
export const CAMPAIGNS_CALENDAR_PATH = '/campaigns.ics';

/** The page of a campaign, where its why, its scope and every tenant's state are. */
export const campaignUrl = (id: string, site: string): string => new URL(campaignHref(id), site).href;

/**
 * The deadline of a campaign as a calendar event. `uidLocal` tells the calendars apart: the same
 * deadline in the calendar of all campaigns and in a tenant's calendar are two events, so that a
 * person who subscribes to both sees each once in its own calendar, and neither client merges them.
 */
export function campaignDeadlineEvent(id: string, campaign: Campaign, site: string, uidLocal = `campaign-${id}`): DayEvent {
  const url = campaignUrl(id, site);
  const finished = campaign.finished ? `Finished on ${formatDate(campaign.finished)}. ` : '';
  return {
    uid: eventUid(uidLocal, site),
    summary: `Deadline: ${campaign.title}`,
    description: `${finished}${campaign.why}\n\nRun by ${campaign.run_by}. ${url}`,
    url,
    day: campaign.deadline,
  };
}
