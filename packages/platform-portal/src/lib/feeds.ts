import type { RSSFeedItem } from '@astrojs/rss';
import type { ReleaseNote } from '../schemas/release-note.ts';
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
