import { parse } from 'yaml';
import { FeedbackEntrySchema } from '../schemas/feedback.ts';
import { code, escapeInline, table } from '../lib/markdown.ts';
import { formatNumber } from '../lib/numbers.ts';
import { formatAverage } from '../lib/feedback-stats.ts';
import { characters, GITHUB_LIMITS } from '../lib/github-limits.ts';
import { formatMarker, parseMarker, type RequestMarker } from './marker.ts';
import { addEntry, addUnreadable, emptyTally, formatState, parseState, ratingsOfSubject, subjectsWorstFirst, withinBudget, type Tally } from './feedback-state.ts';
import { commentBlock, formatBlock, LATEST_COMMENTS, parseBlocks, withBlocks, type CommentBlock } from './feedback-comments.ts';
import type { FileListing, PullRequestFile, RollingSummary, SummaryUpdate } from './types.ts';

export interface FeedbackSummaryOptions {
  period: string;
  /** Folder of the period's files, e.g. `content/feedback/2026-W48/`. */
  folder: string;
  /** The pull request's marker, kept as the first submission wrote it. */
  marker: RequestMarker;
}

/** The files the summary counts: YAML files in the period's folder. */
const isFeedbackFile = (path: string, folder: string) => path.startsWith(folder) && path.endsWith('.yaml');

/** Counts `files` into the tally, in path order, and renders the comments among them. */
function count(tally: Tally, files: readonly PullRequestFile[], folder: string): CommentBlock[] {
  const comments: CommentBlock[] = [];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    if (!isFeedbackFile(file.path, folder)) continue;
    let parsed;
    try {
      parsed = FeedbackEntrySchema.safeParse(parse(file.content));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      addUnreadable(tally, file.path);
      continue;
    }
    addEntry(tally, parsed.data);
    if (parsed.data.message !== '') comments.push(commentBlock(parsed.data, file.path));
  }
  return comments;
}

function byCategory(tally: Tally): string {
  const counts = [...tally.categories].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  return counts.map(([category, n]) => `${category} ${n}`).join(', ') || 'none';
}

/** The first `limit` named rows, lowest rated first, and a line counting the others. */
function bySubject(tally: Tally, limit: number): string {
  const named = subjectsWorstFirst(tally).filter(([key]) => !key.startsWith('#'));
  const shown = table(
    named.slice(0, limit).map(([subject, figures]) => [code(subject), String(figures.n), formatAverage(ratingsOfSubject(figures))]),
    ['Page or area', 'Submissions', 'Average'],
  );
  const others = tally.subjects.size - Math.min(limit, named.length) + tally.rest.subjects;
  const more = others > 0 ? [`${others} more pages or areas are in the files.`] : [];
  const rest =
    tally.rest.n > 0
      ? [`${formatNumber(tally.rest.n)} submissions on pages or areas past the ones this summary has room for count in the totals only; a page or area named after them may have more submissions in the files than its row shows.`]
      : [];
  return [shown, ...more, ...rest].join('\n\n');
}

/** Paths of files that are not feedback: the first few, and how many more. */
function unreadableList({ n, paths }: Tally['unreadable']): string {
  const shown = paths.map((path) => escapeInline(path)).join(', ');
  return n > paths.length ? `${shown} (and ${n - paths.length} more)` : shown;
}

function partialListingNotice(limit: number): string {
  const files = formatNumber(limit);
  return `**This pull request holds more than ${files} files: the figures below count the first ${files} that GitHub lists, and the files added since.** Merge it, and the next submission opens a new pull request, summarized whole.`;
}

/**
 * The body: totals, pages and areas from lowest rated, the latest comments quoted as typed, the
 * marker and the state. It keeps within GitHub's limit on a body however much piles up: the state
 * within its own budget (feedback-state.ts), then fewer comments (each escaped comment can take
 * 12,000 characters), then fewer rows; what is left out is counted.
 */
function render(counted: Tally, blocks: readonly CommentBlock[], { period, folder, marker }: FeedbackSummaryOptions): string {
  const tally = withinBudget(counted);
  const state = formatState(tally);
  const draw = (rows: number, comments: number) => {
    const quoted = blocks.slice(0, comments);
    const older = tally.commented - quoted.length;
    return [
      `Feedback collected through the platform portal in ${period}, one file per submission under ${code(folder)}. ` +
        'Merge to keep it; the next submission then opens a new pull request. The portal rewrites this summary after every submission.',
      '',
      ...(tally.listed ? [partialListingNotice(tally.listed), ''] : []),
      table([
        ['Submissions', String(tally.n)],
        ['Average rating', tally.n === 0 ? '–' : `${formatAverage({ count: tally.n, average: tally.sum / tally.n })} / 5`],
        ['By category', byCategory(tally)],
      ]),
      '',
      '### By page or area',
      '',
      bySubject(tally, rows),
      ...(tally.commented > 0 ? ['', '### Latest comments', ...quoted.flatMap((block) => ['', formatBlock(block)])] : []),
      ...(older > 0 ? ['', `${older} older comment(s) are in the files.`] : []),
      ...(tally.unreadable.n > 0 ? ['', `Not read as feedback (check them against FeedbackEntrySchema): ${unreadableList(tally.unreadable)}.`] : []),
      '',
      formatMarker(marker),
      state,
      '',
    ].join('\n');
  };
  let rows = tally.subjects.size;
  let comments = Math.min(LATEST_COMMENTS, blocks.length);
  let body = draw(rows, comments);
  while (characters(body) > GITHUB_LIMITS.body && (comments > 0 || rows > 0)) {
    if (comments > 0) comments -= 1;
    else rows = Math.floor(rows / 2);
    body = draw(rows, comments);
  }
  return body;
}

/**
 * The body of a period's rolling feedback pull request counted from all of `files`: what a new
 * pull request opens with, and what a summary that cannot be trusted is rebuilt from.
 */
export function feedbackSummary(files: readonly PullRequestFile[], options: FeedbackSummaryOptions, listing: FileListing = { complete: true }, head?: string): string {
  const tally = emptyTally();
  const comments = count(tally, files, options.folder);
  tally.at = head;
  if (!listing.complete) tally.listed = listing.limit;
  return render(tally, withBlocks([], comments), options);
}

/**
 * The rolling summary of a feedback pull request (types.ts, RollingSummary): the body's state plus
 * the files added since its commit, or a rebuild from all of them. The marker stays the one the
 * pull request was opened with; a body without one gets `options.marker`.
 */
export function feedbackRollingSummary(options: FeedbackSummaryOptions): RollingSummary {
  return {
    reads: (path) => isFeedbackFile(path, options.folder),
    countedUpTo: (body) => parseState(body)?.at,
    next(body: string | null, { head, files, rebuild }: SummaryUpdate): string | undefined {
      const kept = { ...options, marker: parseMarker(body) ?? options.marker };
      if (rebuild) return feedbackSummary(files, kept, rebuild, head);
      const tally = parseState(body);
      if (!tally?.at) return undefined;
      const comments = count(tally, files, options.folder);
      tally.at = head;
      return render(tally, withBlocks(parseBlocks(body), comments), kept);
    },
  };
}
