import { parse } from 'yaml';
import { FeedbackEntrySchema, type FeedbackEntry } from '../schemas/feedback.ts';
import { code, escapeInline, quoteBlock, table } from '../lib/markdown.ts';
import { formatDate } from '../lib/dates.ts';
import { formatNumber } from '../lib/numbers.ts';
import { formatAverage, normalizedPage, ratingsOf, worstFirst } from '../lib/feedback-stats.ts';
import { characters, GITHUB_LIMITS } from '../lib/github-limits.ts';
import { formatMarker, type RequestMarker } from './marker.ts';
import type { FileListing, PullRequestFile } from './types.ts';

/** Comments quoted in the body at most; the rest are in the files. */
const LATEST_COMMENTS = 10;
/** Files that are not feedback, named at most. */
const UNREADABLE_SHOWN = 20;

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

/** The first `limit` rows, lowest rated first, and a line counting the others. */
function bySubject(entries: FeedbackEntry[], limit: number): string {
  const rows = [...Map.groupBy(entries, subjectOf)].map(([subject, list]) => ({ subject, ratings: ratingsOf(list) }));
  rows.sort((a, b) => worstFirst(a.ratings, b.ratings) || a.subject.localeCompare(b.subject));
  const shown = table(
    rows.slice(0, limit).map(({ subject, ratings }) => [subject, String(ratings.count), formatAverage(ratings)]),
    ['Page or area', 'Submissions', 'Average'],
  );
  return rows.length > limit ? `${shown}\n\n${rows.length - limit} more pages or areas are in the files.` : shown;
}

function latestComments(entries: FeedbackEntry[], limit: number): string[] {
  // A stable sort over entries in path order: equal times keep path order.
  const commented = entries.filter((e) => e.message !== '').sort((a, b) => b.submitted.getTime() - a.submitted.getTime());
  const quoted = commented.slice(0, limit).flatMap((e) => {
    const contact = e.contact ? `, contact ${code(e.contact)}` : '';
    return ['', `**${subjectOf(e)}**, ${e.rating}/5 (${e.category}), ${formatDate(e.submitted)}${contact}:`, '', quoteBlock(e.message)];
  });
  const older = commented.length - limit;
  return [...quoted, ...(older > 0 ? ['', `${older} older comment(s) are in the files.`] : [])];
}

/** Paths of files that are not feedback: the first few, and how many more. */
function unreadableList(paths: string[]): string {
  const shown = paths.slice(0, UNREADABLE_SHOWN).map((path) => escapeInline(path)).join(', ');
  return paths.length > UNREADABLE_SHOWN ? `${shown} (and ${paths.length - UNREADABLE_SHOWN} more)` : shown;
}

function partialListingNotice(limit: number): string {
  const files = formatNumber(limit);
  return `**This pull request holds more than ${files} files: the figures below count the first ${files} that GitHub lists.** Merge it, and the next submission opens a new pull request, summarized whole.`;
}

/**
 * The body of a period's rolling feedback pull request, rebuilt from the files it holds: totals,
 * pages and areas from lowest rated, the latest comments quoted as typed, and the marker. It keeps
 * within GitHub's limit on a body however much piles up: fewer comments first (each escaped
 * comment can take 12,000 characters), then fewer rows; what is left out is counted.
 */
export function feedbackSummary(files: readonly PullRequestFile[], { period, folder, marker }: FeedbackSummaryOptions, listing: FileListing = { complete: true }): string {
  const { entries, unreadable } = readEntries(files, folder);
  const all = ratingsOf(entries);
  const render = (rows: number, comments: number) =>
    [
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
      bySubject(entries, rows),
      ...(entries.some((e) => e.message !== '') ? ['', '### Latest comments', ...latestComments(entries, comments)] : []),
      ...(unreadable.length > 0 ? ['', `Not read as feedback (check them against FeedbackEntrySchema): ${unreadableList(unreadable)}.`] : []),
      '',
      formatMarker(marker),
      '',
    ].join('\n');
  let rows = entries.length;
  let comments = LATEST_COMMENTS;
  let body = render(rows, comments);
  while (characters(body) > GITHUB_LIMITS.body && (comments > 0 || rows > 0)) {
    if (comments > 0) comments -= 1;
    else rows = Math.floor(rows / 2);
    body = render(rows, comments);
  }
  return body;
}
