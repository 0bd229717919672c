/**
 * The scorecard's request figures: request pull requests of the last N days by type, and their
 * median time from opened to merged, each count linked to a GitHub search listing what it counts.
 * Pure: the pull requests come in as data (src/github/request-history.ts reads them at build time).
 */
import { formatDate, isoDay } from './dates.ts';
import { authorQualifier } from './pull-authors.ts';
import { ownValue } from './records.ts';
import type { RequestPull, RequestsFigures } from '../schemas/scorecard.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** What the build could read about request pull requests. */
export type RequestSource =
  | { status: 'not-configured' }
  | { status: 'unavailable'; repository: string; error: string }
  | {
      status: 'ok';
      repository: string;
      /** The portal's GitHub login: only the pull requests it opened were read, and the links search for them. */
      author: string;
      pulls: RequestPull[];
    };

/** How request pull requests can be found on GitHub's web UI, from portal.config.ts. */
export interface RequestSearch {
  webUrl: string;
  /** portal.config.ts's repository: links name it when no source names another. */
  repository: string;
  branchPrefix: string;
  /** Labels per request type (requests.labels); every request also has `portal-request`. */
  labels: Record<string, string[]>;
}

/**
 * First instant of the window: midnight UTC, `days` days before the day of `now`. Whole days, so
 * that GitHub's `created:>=YYYY-MM-DD` finds exactly the pull requests counted.
 */
export function requestWindowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - days * DAY_MS);
}

/** Median of numbers; the mean of the middle two for an even count; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

function medianHoursToMerge(pulls: RequestPull[]): number | null {
  const hours = pulls.flatMap((p) => (p.merged_at ? [(Date.parse(p.merged_at) - Date.parse(p.created_at)) / HOUR_MS] : []));
  const m = median(hours);
  return m === null ? null : oneDecimal(m);
}

/** A GitHub qualifier value, quoted; GitHub search has no escape for a quote inside one. */
const quoted = (value: string) => `"${value.replace(/"/g, '')}"`;

/** The pull requests page of the repository filtered by a search, e.g. .../pulls?q=is%3Apr+... */
export function pullSearchUrl(search: RequestSearch, repository: string, terms: string[]): string {
  const q = ['is:pr', 'label:portal-request', ...terms].join(' ');
  return `${search.webUrl.replace(/\/$/, '')}/${repository}/pulls?${new URLSearchParams({ q })}`;
}

/** Narrows a search to one request type: by its labels when it has some, else by its branch prefix. */
function typeTerms(search: RequestSearch, type: string): string[] {
  const labels = ownValue(search.labels, type) ?? [];
  return labels.length > 0 ? labels.map((l) => `label:${quoted(l)}`) : [`head:${search.branchPrefix}/${type}`];
}

export interface RequestsInput {
  history: RequestSource;
  now: Date;
  windowDays: number;
  /** Every request type the portal accepts, in the order to show them. */
  types: string[];
  search: RequestSearch;
}

export function requestsFigures({ history, now, windowDays, types, search }: RequestsInput): RequestsFigures {
  const since = requestWindowStart(now, windowDays);
  const common = {
    window_days: windowDays,
    since: isoDay(since),
    definition:
      `Pull requests opened through the portal's request forms (opened by the portal's own GitHub login, with the hidden portal-request marker in their body), ` +
      `created from ${formatDate(since)} (the last ${windowDays} days) to the build, by request type. Time to merge runs from ` +
      `a pull request's creation to its merge; the median is over the merged ones.` +
      (types.includes('feedback') ? ` Feedback collects into one rolling pull request per period, so it counts periods with feedback, not submissions.` : ''),
  };
  if (history.status === 'not-configured') {
    return {
      status: 'not-configured',
      source: 'none',
      ...common,
      how_to_configure:
        `Set GITHUB_TOKEN in the build's environment to a token that can read the pull requests of ${search.repository} ` +
        `(and GITHUB_API_URL for GitHub Enterprise); npm start does this for the local GitHub.`,
    };
  }
  if (history.status === 'unavailable') return { ...history, source: 'github', ...common };

  const { repository } = history;
  const by = authorQualifier(history.author);
  const inWindow = history.pulls
    .filter((p) => Date.parse(p.created_at) >= since.getTime() && Date.parse(p.created_at) <= now.getTime())
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.number - a.number);
  const created = `created:>=${isoDay(since)}`;
  const counts = (pulls: RequestPull[], terms: string[]) => ({
    opened: { count: pulls.length, href: pullSearchUrl(search, repository, [by, ...terms, created]) },
    merged: { count: pulls.filter((p) => p.state === 'merged').length, href: pullSearchUrl(search, repository, [by, ...terms, 'is:merged', created]) },
  });
  const seen = [...new Set(inWindow.map((p) => p.type))].filter((t) => !types.includes(t)).sort();
  const byType = [...types, ...seen].map((type) => {
    const pulls = inWindow.filter((p) => p.type === type);
    const terms = typeTerms(search, type);
    return {
      type,
      ...counts(pulls, terms),
      open: { count: pulls.filter((p) => p.state === 'open').length, href: pullSearchUrl(search, repository, [by, ...terms, 'is:open', created]) },
      median_hours_to_merge: medianHoursToMerge(pulls),
    };
  });
  return {
    status: 'ok',
    source: 'github',
    ...common,
    repository,
    total: { ...counts(inWindow, []), median_hours_to_merge: medianHoursToMerge(inWindow) },
    by_type: byType,
    pull_requests: inWindow,
  };
}

/** `5.5 hours` under two days, `3.2 days` from then on. */
export function formatHours(hours: number): string {
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`;
}
