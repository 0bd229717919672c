/**
 * Files on a branch: read at any size, and written only over what this submission may replace.
 */
import pRetry, { AbortError } from 'p-retry';
import { base64ToUtf8, utf8ToBase64 } from '../lib/base64.ts';
import type { FileChange, RepoFile } from '../requests/types.ts';
import type { GitHub } from './client.ts';
import type { GitHubConfig } from './config.ts';
import { statusOf, toGitHubError } from './errors.ts';

export interface Repo {
  gh: GitHub;
  config: GitHubConfig;
  /** Asked to review every request pull request; CODEOWNERS adds the rest. */
  reviewers?: { users: string[]; teams: string[] } | undefined;
}

/** Runs one GitHub step, turning what Octokit throws into a GitHubError that says what was being done. */
export async function step<T>(doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toGitHubError(error, doing);
  }
}

/**
 * A file's text from its blob: the contents API sends a file over 1 MB without its content
 * (`encoding: "none"`), the blob API sends it whole up to 100 MB.
 * https://docs.github.com/rest/repos/contents#get-repository-content, https://docs.github.com/rest/git/blobs#get-a-blob
 */
async function blobText({ gh, config }: Repo, sha: string, path: string): Promise<string> {
  const { data } = await step(`reading ${path}`, () => gh.rest.git.getBlob({ owner: config.owner, repo: config.repo, file_sha: sha }));
  return base64ToUtf8(data.content);
}

/** Reads files from a ref; a missing file is undefined, not an error. */
export async function readFiles(repo: Repo, paths: string[], ref = repo.config.baseBranch): Promise<Map<string, RepoFile>> {
  const { gh, config } = repo;
  const entries = await Promise.all(
    paths.map(async (path): Promise<[string, RepoFile]> => {
      try {
        const { data } = await gh.rest.repos.getContent({ owner: config.owner, repo: config.repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return [path, undefined];
        const content = data.encoding === 'none' ? await blobText(repo, data.sha, path) : base64ToUtf8(data.content);
        return [path, { content, sha: data.sha }];
      } catch (error) {
        if (statusOf(error) === 404) return [path, undefined];
        throw toGitHubError(error, `reading ${path}`);
      }
    }),
  );
  return new Map(entries);
}

/** The branch holds another submission's work there. */
export class BranchTaken extends Error {}

/**
 * What a write may replace when the file on the branch differs from the change:
 * - `base`: only the file as the base branch has it (`previousSha`); anything else is another
 *   submission's work, and the write stops with BranchTaken;
 * - `own`: also this submission's earlier version (a retry finishing its own branch);
 * - `any`: whatever is there (a refresh replaces the previous run's files);
 * - `keep`: nothing: a rolling pull request's file, named by its submission, stays as an earlier
 *   attempt of that submission wrote it.
 */
export type Overwrite = 'base' | 'own' | 'any' | 'keep';

export interface FileWrite {
  branch: string;
  message: string;
  /** The branch was created by this attempt from the base branch: the first try writes without reading. */
  blind: boolean;
  overwrite: Overwrite;
}

/**
 * Writes a file on the branch unless it already holds exactly this content; a deletion (`content:
 * null`) removes it unless it is already gone, under the same rules of what it may replace.
 */
export async function ensureFile(repo: Repo, file: FileChange, { branch, message, blind, overwrite }: FileWrite): Promise<void> {
  const { gh, config } = repo;
  const target = { owner: config.owner, repo: config.repo, path: file.path, branch, message };
  // Concurrent commits to one branch (a rolling pull request) make GitHub answer 409, or 422 when
  // the file appeared meanwhile: read again and decide again, on the new head.
  await pRetry(
    async (attempt) => {
      let sha = file.previousSha;
      if (!blind || attempt > 1) {
        const onBranch = (await readFiles(repo, [file.path], branch)).get(file.path);
        if (file.content === null ? !onBranch : onBranch?.content === file.content) return;
        if (onBranch && overwrite === 'keep') return;
        if (onBranch && onBranch.sha !== file.previousSha && overwrite === 'base') throw new AbortError(new BranchTaken(`${file.path} on ${branch} holds another submission`));
        sha = onBranch?.sha;
      }
      try {
        if (file.content === null) await gh.rest.repos.deleteFile({ ...target, sha: sha ?? file.previousSha });
        else await gh.rest.repos.createOrUpdateFileContents({ ...target, content: utf8ToBase64(file.content), ...(sha ? { sha } : {}) });
      } catch (error) {
        const status = statusOf(error);
        if (status === 409 || status === 422) throw error;
        throw new AbortError(toGitHubError(error, `writing ${file.path}`) as Error);
      }
    },
    { retries: 4, minTimeout: 50, maxTimeout: 500, randomize: true },
  ).catch((error: unknown) => {
    throw toGitHubError(error, `writing ${file.path}`);
  });
}
