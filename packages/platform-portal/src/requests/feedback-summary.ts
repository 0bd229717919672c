import { parse } from 'yaml';
import { FeedbackEntrySchema, type FeedbackEntry } from '../schemas/feedback.ts';
import { code, escapeInline, quoteBlock, table } from '../lib/markdown.ts';
import { formatDate } from '../lib/dates.ts';
import { formatNumber } from '../lib/numbers.ts';
import { formatAverage, normalizedPage, ratingsOf, worstFirst } from '../lib/feedback-stats.ts';
import { formatMarker, type RequestMarker } from './marker.ts';
import type { FileListing, PullRequestFile } from './types.ts';

/** Comments quoted in the body; the rest are in the files. */
const LATEST_COMMENTS = 10;

export interface FeedbackSummaryOptions {
  period: string;
  /** Folder of the period's files, e.g. `content/feedback/2026-W48/`. */
  folder: string;
  /** The pull request's marker, kept as the first submission wrote it. */
  marker: RequestMarker;
}

interface Read {
  /** In path order, so the summary does not depend on the order GitHub lists files in. */
  entries: FeedbackEntry[];
  unreadable: string[];
}

function readEntries(files: readonly PullRequestFile[], folder: string): Read {
  const read: Read = { entries: [], unreadable: [] };
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!file.path.startsWith(folder) || !file.path.endsWith('.yaml')) continue;
    let parsed;
    try {
      parsed = FeedbackEntrySchema.safeParse(parse(file.content));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) read.entries.push(parsed.data);
    else read.unreadable.push(file.path);
  }
  return read;
}

/** The page, or else the service or theme, a piece of feedback is about, as a code span. */
const subjectOf = (entry: FeedbackEntry) => code(entry.page ? normalizedPage(entry.page) : (entry.area ?? 'unknown'));

function byCategory(entries: FeedbackEntry[]): string {
  const counts = [...Map.groupBy(entries, (e) => e.category)].map(([category, list]) => [category, list.length] as const);
  counts.sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return counts.map(([category, n]) => `${category} ${n}`).join(', ') || 'none';
}

function bySubject(entries: FeedbackEntry[]): string {
  const rows = [...Map.groupBy(entries, subjectOf)].map(([subject, list]) => ({ subject, ratings: ratingsOf(list) }));
  rows.sort((a, b) => worstFirst(a.ratings, b.ratings) || a.subject.localeCompare(b.subject));
  return table(
    rows.map(({ subject, ratings }) => [subject, String(ratings.count), formatAverage(ratings)]),
    ['Page or area', 'Submissions', 'Average'],
  );
}

function latestComments(entries: FeedbackEntry[]): string[] {
  // A stable sort over entries in path order: equal times keep path order.
  const commented = entries.filter((e) => e.message !== '').sort((a, b) => b.submitted.getTime() - a.submitted.getTime());
  const quoted = commented.slice(0, LATEST_COMMENTS).flatMap((e) => {
    const contact = e.contact ? `, contact ${code(e.contact)}` : '';
    return ['', `**${subjectOf(e)}**, ${e.rating}/5 (${e.category}), ${formatDate(e.submitted)}${contact}:`, '', quoteBlock(e.message)];
  });
  const older = commented.length - LATEST_COMMENTS;
  return [...quoted, ...(older > 0 ? ['', `${older} older comment(s) are in the files.`] : [])];
}

function partialListingNotice(limit: number): string {
  const files = formatNumber(limit);
  return `**This pull request holds more than ${files} files: the figures below count the first ${files} that GitHub lists.** Merge it, and the next submission opens a new pull request, summarized whole.`;
}

/**
 * The body of a period's rolling feedback pull request, rebuilt from the files it holds: totals,
 * pages and areas from lowest rated, the latest comments quoted as typed, and the marker.
 */
export function feedbackSummary(files: readonly PullRequestFile[], { period, folder, marker }: FeedbackSummaryOptions, listing: FileListing = { complete: true }): string {
  const { entries, unreadable } = readEntries(files, folder);
  const all = ratingsOf(entries);
  return [
    `Feedback collected through the platform portal in ${period}, one file per submission under ${code(folder)}. ` +
      'Merge to keep it; the next submission then opens a new pull request. The portal rewrites this summary after every submission.',
    '',
    ...(listing.complete ? [] : [partialListingNotice(listing.limit), '']),
    table([
      ['Submissions', String(all.count)],
      ['Average rating', all.count === 0 ? '–' : `${formatAverage(all)} / 5`],
      ['By category', byCategory(entries)],
    ]),
    '',
    '### By page or area',
    '',
    bySubject(entries),
    ...(entries.some((e) => e.message !== '') ? ['', '### Latest comments', ...latestComments(entries)] : []),
    ...(unreadable.length > 0
      ? ['', `Not read as feedback (check them against FeedbackEntrySchema): ${unreadable.map((path) => escapeInline(path)).join(', ')}.`]
      : []),
    '',
    formatMarker(marker),
    '',
  ].join('\n');
}
