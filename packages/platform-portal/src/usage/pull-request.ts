/**
 * The usage files as one standing pull request: each run overwrites its files, a merged or closed
 * one is followed by a new one, and files equal to the base branch are left out.
 */
import type { Change, RepoFile } from '../requests/types.ts';
import { usagePath, type UsageFile } from '../schemas/usage.ts';
import { openPullRequest, readFiles, type OpenedPullRequest, type Repo } from '../github/pull-requests.ts';
import { code, escapeInline, table } from '../lib/markdown.ts';
import { serializeUsageFile } from './files.ts';
import { rangeDates, type ExportRange } from './export.ts';

export const USAGE_BRANCH = 'usage/refresh';
export const USAGE_LABELS = ['usage-data'];
/** Pure: the change that brings the base branch's usage files up to `files`; undefined when none differs. */
export function usageChange(files: readonly UsageFile[], base: ReadonlyMap<string, RepoFile>, range: ExportRange): Change | undefined {
  const changed = files
    .map((file) => ({ file, path: usagePath(file.tenant), content: serializeUsageFile(file) }))
    .filter(({ path, content }) => base.get(path)?.content !== content);
  if (changed.length === 0) return undefined;

  const first = rangeDates(range).start.toISOString().slice(0, 10);
  const rows = changed.map(({ file, path }): [string, string] => [code(path), `${file.series.length} (${file.series.map((s) => escapeInline(`${s.service}.${s.unit}`)).join(', ')})`]);
  const body = [
    `Usage from Prometheus for ${first} to ${range.end} (${range.days} days), fetched ${escapeInline(files[0]!.fetched_at)} by ${code('platform-portal usage export')}.`,
    '',
    table(rows, ['File', 'Series']),
    '',
    'The usage workflow overwrites this pull request on each run while it is open; merge it to publish the data on the site.',
  ].join('\n');
  return {
    branch: USAGE_BRANCH,
    title: `Usage data up to ${range.end}`,
    body,
    labels: USAGE_LABELS,
    files: changed.map(({ path, content }) => ({ path, content, previousSha: base.get(path)?.sha })),
    commitMessage: `Usage data ${first} to ${range.end} from Prometheus`,
    mode: 'refresh',
  };
}

/** Opens or updates the usage pull request; undefined when the base branch already holds these files. */
export async function proposeUsage(repo: Repo, files: readonly UsageFile[], range: ExportRange): Promise<OpenedPullRequest | undefined> {
  const base = await readFiles(repo, files.map((file) => usagePath(file.tenant)));
  const change = usageChange(files, base, range);
  return change && openPullRequest(repo, change, USAGE_BRANCH);
}
