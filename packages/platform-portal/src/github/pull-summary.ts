import type { Change, FileListing, PullRequestFile } from '../requests/types.ts';
import { statusOf } from './errors.ts';
import { readFiles, type Repo } from './files.ts';

/** An open pull request as the plumbing last saw it: its body, and the head its files were read at. */
export interface PullState {
  number: number;
  body: string | null;
  headSha: string;
}

/** Rounds of read, summarize, write before leaving the rest to the next submission. */
const MAX_ROUNDS = 4;
/** Pause when GitHub's view of the pull request has not yet caught up with a push. */
const LAG_PAUSE_MS = 300;
/**
 * Files read for a summary, at most: eight calls of 100 a round. A submission's other calls (8 at
 * most without a conflict: base, generations, pull requests, read and write its file, open, labels,
 * reviewers) and MAX_ROUNDS rounds of listing and writing (36) then stay within the 50 subrequests
 * of a Worker on Cloudflare's free plan however large the pull request grows (GitHub lists 3,000
 * files at most).
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

/**
 * The files the pull request adds or changes, with their text, up to SUMMARY_MAX_FILES. GitHub
 * lists up to 100 files per call with each added file's patch, so a rolling pull request of small
 * files costs one call per 100 submissions; files without a usable patch are read from the branch.
 */
async function pullRequestFiles(repo: Repo, number: number, branch: string): Promise<{ files: PullRequestFile[]; listing: FileListing }> {
  const { gh, config } = repo;
  const listed = [];
  let complete = true;
  for await (const response of gh.paginate.iterator(gh.rest.pulls.listFiles, { owner: config.owner, repo: config.repo, pull_number: number, per_page: 100 })) {
    listed.push(...response.data);
    if (listed.length >= SUMMARY_MAX_FILES) {
      complete = !/rel="next"/.test(response.headers.link ?? '');
      break;
    }
  }
  const present = listed.filter((file) => file.status !== 'removed').map((file) => ({ path: file.filename, content: addedFileText(file.patch) }));
  const unread = present.filter((file) => file.content === undefined).map((file) => file.path);
  const read = unread.length > 0 ? await readFiles(repo, unread, branch) : new Map();
  const files = present.flatMap(({ path, content }) => {
    const text = content ?? read.get(path)?.content;
    return text === undefined ? [] : [{ path, content: text }];
  });
  return { files, listing: complete ? { complete: true } : { complete: false, limit: SUMMARY_MAX_FILES } };
}

/**
 * Rewrites a rolling pull request's body from the files it holds, when the body differs.
 * Submissions land concurrently, so a body written from an older listing can arrive last: the
 * answer to the update tells the pull request's head, and if a commit arrived since the files were
 * listed, the summary is rebuilt (bounded; the next submission finishes the job). Heads are
 * compared as the pull request sees them, the same view its file list comes from. The body is a
 * convenience: a failure here is a warning, the submission itself is in.
 */
export async function refreshSummary(repo: Repo, pull: PullState, change: Pick<Change, 'branch' | 'files' | 'summarize'>): Promise<string[]> {
  const { gh, config } = repo;
  if (!change.summarize) return [];
  let { body, headSha } = pull;
  try {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const { files, listing } = await pullRequestFiles(repo, pull.number, change.branch);
      // GitHub updates a pull request's files shortly after a push: without this submission's own
      // files, the listing is behind. (A partial listing need not hold them.)
      if (listing.complete && !change.files.every((mine) => files.some((file) => file.path === mine.path))) {
        await new Promise((resolve) => setTimeout(resolve, LAG_PAUSE_MS * round));
        continue;
      }
      const next = change.summarize(files, body, listing);
      // Nothing to write: a commit after the listing belongs to a submission that refreshes after it.
      if (next === body) return [];
      const { data: updated } = await gh.rest.pulls.update({ owner: config.owner, repo: config.repo, pull_number: pull.number, body: next });
      if (updated.head.sha === headSha) return [];
      ({ body, head: { sha: headSha } } = updated);
    }
    return [];
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined) throw error;
    return [`The pull request's summary could not be updated (HTTP ${status}); the next submission brings it up to date.`];
  }
}
