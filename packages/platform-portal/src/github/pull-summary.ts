/**
 * A rolling pull request's summary, kept up to date one submission at a time. The body records the
 * commit of the branch it has counted up to (requests/types.ts, RollingSummary); a submission asks
 * git for the files added since (one comparison) and counts those, so its work follows how many
 * submissions raced it, not how many the pull request holds (issue 32, "CPU"). A body that cannot
 * be trusted (edited by hand, from an older version, a history rewritten) is rebuilt from all the
 * files once, and counts from there again.
 */
import type { Change, PullRequestFile, RollingSummary } from '../requests/types.ts';
import { statusOf } from './errors.ts';
import { readFiles, type Repo } from './files.ts';

/** An open pull request as the plumbing last saw it: its body, and a head its own view reported. */
export interface PullState {
  number: number;
  body: string | null;
  headSha: string;
}

/**
 * Bodies one submission writes at most: each after counting what landed since the last. Then the
 * next submission finishes the job.
 */
const MAX_WRITES = 5;
/** Files read whole at most (those whose diff GitHub leaves out); the others count as unreadable. */
const MAX_READS = 8;
/**
 * GitHub lists at most 300 files of a comparison, and 250 commits without paging them, in an order
 * its docs call chronological (so the tip is found by parents, not by position):
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
const COMPARE_MAX_FILES = 300;
/**
 * Files a rebuild lists, at most: eight calls of 100. A submission's other calls (8 without a
 * conflict: base, generations, pull requests, read and write its file, open, labels, reviewers;
 * 8 more for four conflicts on its file), one rebuild (8 listing calls and a comparison),
 * MAX_READS reads and MAX_WRITES rounds of comparing and writing (10) stay within the 50
 * subrequests of a Worker on Cloudflare's free plan (43) however large the pull request grows.
 */
export const SUMMARY_MAX_FILES = 800;

/**
 * The text of an added file from its patch: one hunk of "+" lines. Anything else (a modified file,
 * a patch GitHub left out because the file is large or binary) is undefined, to be read instead.
 */
export function addedFileText(patch: string | undefined): string | undefined {
  const [header, ...lines] = (patch ?? '').split('\n');
  const hunk = header?.match(/^@@ -0,0 \+1(?:,(\d+))? @@/);
  if (!hunk) return undefined;
  const added = lines.filter((line) => line.startsWith('+')).map((line) => line.slice(1));
  if (added.length !== Number(hunk[1] ?? 1)) return undefined;
  const noNewlineAtEnd = lines.some((line) => line.startsWith('\\'));
  return added.join('\n') + (noNewlineAtEnd ? '' : '\n');
}

/** A changed file as GitHub lists it, for a pull request or a comparison. */
interface Listed {
  filename: string;
  status: string;
  patch?: string | undefined;
  previous_filename?: string | undefined;
}

interface Compared {
  /** The branch's commit compared up to. */
  head: string;
  files: Listed[];
  /** No merge commit since the base: the changes are the branch's own. */
  linear: boolean;
}

/** The commit of a list that no other commit of it has for parent: the tip, when there is one. */
function tipOf(commits: { sha: string; parents: { sha: string }[] }[]): string | undefined {
  const parents = new Set(commits.flatMap((commit) => commit.parents.map((parent) => parent.sha)));
  const tips = commits.filter((commit) => !parents.has(commit.sha));
  return tips.length === 1 ? tips[0]!.sha : undefined;
}

/**
 * What `branch` has that the commit `base` has not, from git (current, unlike a pull request's
 * file list): undefined when that cannot be read whole, or `base` is not in the branch's history.
 */
async function compare({ gh, config }: Repo, base: string, branch: string): Promise<Compared | undefined> {
  let data;
  try {
    ({ data } = await gh.rest.repos.compareCommitsWithBasehead({ owner: config.owner, repo: config.repo, basehead: `${base}...${branch}` }));
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 422) return undefined;
    throw error;
  }
  // Without `files` (GitHub leaves them out of a comparison too large to show), nothing is known of them.
  if (data.files === undefined && data.commits.length > 0) return undefined;
  const files = data.files ?? [];
  if ((data.status !== 'ahead' && data.status !== 'identical') || data.total_commits > data.commits.length || files.length >= COMPARE_MAX_FILES) return undefined;
  const head = data.commits.length === 0 ? data.merge_base_commit.sha : tipOf(data.commits);
  if (!head) return undefined;
  return { head, files, linear: data.commits.every((commit) => commit.parents.length === 1) };
}

/** What one submission may still spend on its summary. */
interface Allowance {
  reads: number;
  rebuilt: boolean;
}

/** The text of each file at `head`: from its patch when it was added, else read, while reads are left. */
async function texts(repo: Repo, files: Listed[], head: string, allowance: Allowance): Promise<PullRequestFile[]> {
  const patched = files.map((file) => ({ path: file.filename, content: file.status === 'added' ? addedFileText(file.patch) : undefined }));
  const unread = patched.filter((file) => file.content === undefined).map((file) => file.path);
  const reading = unread.slice(0, allowance.reads);
  allowance.reads -= reading.length;
  const read = reading.length > 0 ? await readFiles(repo, reading, head) : new Map();
  // Past the allowance, or gone meanwhile: empty, which the summary counts as not feedback.
  return patched.map(({ path, content }) => ({ path, content: content ?? read.get(path)?.content ?? '' }));
}

/** The files the pull request adds or changes, as its own view lists them, up to SUMMARY_MAX_FILES. */
async function listFiles({ gh, config }: Repo, number: number): Promise<{ files: Map<string, Listed>; complete: boolean }> {
  const files = new Map<string, Listed>();
  let complete = true;
  for await (const response of gh.paginate.iterator(gh.rest.pulls.listFiles, { owner: config.owner, repo: config.repo, pull_number: number, per_page: 100 })) {
    // Pages are read one after another while the pull request may grow: a file can come twice.
    for (const file of response.data) files.set(file.filename, file);
    if (files.size >= SUMMARY_MAX_FILES) {
      complete = !/rel="next"/.test(response.headers.link ?? '');
      break;
    }
  }
  return { files, complete };
}

/**
 * The body counted again from all the pull request's files. Its file list lags a push, so it is
 * taken as of `pull.headSha`, a head the pull request reported before the listing (its view only
 * moves forward), and brought up to the branch's tip by a comparison from there: a file both
 * listed and added since is counted once, in its newest version.
 */
async function rebuild(repo: Repo, pull: PullState, branch: string, summary: RollingSummary, body: string | null, allowance: Allowance): Promise<string | undefined> {
  allowance.rebuilt = true;
  const { files, complete } = await listFiles(repo, pull.number);
  const since = await compare(repo, pull.headSha, branch);
  for (const file of since?.files ?? []) {
    if (file.previous_filename) files.delete(file.previous_filename);
    files.set(file.filename, file);
  }
  const present = [...files.values()].filter((file) => file.status !== 'removed' && summary.reads(file.filename));
  // Without a usable comparison, the tip is unknown: the body counts the listing, and the next submission rebuilds.
  const head = since?.head;
  const counted = await texts(repo, present, head ?? branch, allowance);
  const listing = complete ? { complete: true as const } : { complete: false as const, limit: SUMMARY_MAX_FILES };
  return summary.next(body, { head: head ?? '', files: counted, rebuild: listing });
}

/**
 * The body with what the branch gained since the body's commit; undefined when there is nothing
 * new to count. Files changed or removed since, a merge, or a body without a usable state mean a
 * rebuild (once per submission).
 */
async function counted(repo: Repo, pull: PullState, branch: string, summary: RollingSummary, body: string | null, allowance: Allowance): Promise<string | undefined> {
  const at = summary.countedUpTo(body);
  const since = at ? await compare(repo, at, branch) : undefined;
  const mine = since?.files.filter((file) => summary.reads(file.filename));
  if (since && mine && since.linear && mine.every((file) => file.status === 'added')) {
    if (mine.length === 0) return undefined;
    const next = summary.next(body, { head: since.head, files: await texts(repo, mine, since.head, allowance) });
    if (next !== undefined) return next;
  }
  return allowance.rebuilt ? undefined : rebuild(repo, pull, branch, summary, body, allowance);
}

/**
 * Brings a rolling pull request's body up to date after a submission. Submissions land
 * concurrently and the body is last-writer-wins, but every body counts the whole history of the
 * commit it names: after its write, a submission compares again from there, and counts and writes
 * again if more landed meanwhile (bounded: the next submission finishes the job). The body is a
 * convenience: a failure here is a warning, the submission itself is in.
 */
export async function refreshSummary(repo: Repo, pull: PullState, change: Pick<Change, 'branch' | 'summary'>): Promise<string[]> {
  const { gh, config } = repo;
  const { summary } = change;
  if (!summary) return [];
  const allowance: Allowance = { reads: MAX_READS, rebuilt: false };
  let body = pull.body;
  try {
    for (let writes = 0; writes < MAX_WRITES; writes++) {
      const next = await counted(repo, pull, change.branch, summary, body, allowance);
      if (next === undefined || next === body) return [];
      await gh.rest.pulls.update({ owner: config.owner, repo: config.repo, pull_number: pull.number, body: next });
      body = next;
    }
    return [];
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined) throw error;
    return [`The pull request's summary could not be updated (HTTP ${status}); the next submission brings it up to date.`];
  }
}
