/**
 * Creates the bare repository on first start: one commit on the base branch holding the seed
 * folder's files at the same paths (e.g. the project's content/tenants/acme.yaml). Later starts
 * reuse it; --reset deletes it first.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Git, ZERO_OID, type Identity } from './git.ts';

/** What seeds a new repository from the project: its content/, at the same paths. */
export const PROJECT_SEED_PATHS = ['content'];

export interface SeedOptions {
  repoPath: string;
  baseBranch: string;
  /** Folder whose files become the first commit; nothing (an empty tree) when absent. */
  seedFrom?: string;
  /** Paths inside `seedFrom` to take (default: everything); missing ones are skipped. */
  seedPaths?: string[];
  identity: Identity;
}

/** Whether `repoPath` already holds a repository. */
export function repositoryExists(repoPath: string): boolean {
  return existsSync(join(repoPath, 'HEAD')) && existsSync(join(repoPath, 'objects'));
}

/** Builds the tree of the seed folder in a throw-away index (honouring its .gitignore files). */
async function seedTree(git: Git, options: Pick<SeedOptions, 'repoPath' | 'seedFrom' | 'seedPaths'>): Promise<string> {
  const index = join(options.repoPath, `tmp-index-${randomUUID()}`);
  try {
    if (options.seedFrom && existsSync(options.seedFrom)) {
      const paths = (options.seedPaths ?? ['.']).filter((path) => existsSync(join(options.seedFrom ?? '', path)));
      if (paths.length > 0) {
        // Absolute paths: a relative one would be read from the current directory, which lies
        // inside the seed folder's tree when the data dir is the project's own .local/.
        await git.text(['add', '--', ...paths.map((p) => join(options.seedFrom!, p))], {
          env: { GIT_INDEX_FILE: index, GIT_WORK_TREE: options.seedFrom },
        });
      }
    }
    return await git.text(['write-tree'], { env: { GIT_INDEX_FILE: index } });
  } finally {
    await rm(index, { force: true });
  }
}

/**
 * The newest commit on the base branch that holds the seed folder's files as they are now, or null
 * when none does (the folder was edited since). `npm start` builds the site from the project's
 * content/: this is the commit that build was made from, which tells whether a merged request is
 * in it.
 */
export async function commitMatchingSeed(options: Omit<SeedOptions, 'identity'>): Promise<string | null> {
  const git = new Git(options.repoPath);
  try {
    const tree = await seedTree(git, options);
    const log = await git.text(['log', '--first-parent', '--format=%H %T', `refs/heads/${options.baseBranch}`]);
    for (const line of log.split('\n')) {
      const [commit, commitTree] = line.split(' ');
      if (commitTree === tree) return commit!;
    }
    return null;
  } finally {
    git.close();
  }
}

/** Creates and seeds the repository unless it exists. Returns whether it was created. */
export async function ensureRepository(options: SeedOptions): Promise<boolean> {
  const git = new Git(options.repoPath);
  try {
    return await createOrCheck(git, options);
  } finally {
    git.close();
  }
}

async function createOrCheck(git: Git, options: SeedOptions): Promise<boolean> {
  if (repositoryExists(options.repoPath)) {
    if ((await git.refSha(`refs/heads/${options.baseBranch}`)) === null) {
      throw new Error(`${options.repoPath} has no branch ${options.baseBranch}; start with --reset to recreate it.`);
    }
    return false;
  }
  await mkdir(options.repoPath, { recursive: true });
  await git.text(['init', '--bare', '--quiet', `--initial-branch=${options.baseBranch}`]);
  // No background gc while tests count objects; reflogs help when debugging a run.
  await git.text(['config', 'gc.auto', '0']);
  await git.text(['config', 'core.logAllRefUpdates', 'always']);
  const tree = await seedTree(git, options);
  const commit = await git.commitTree(tree, [], 'Initial content\n', options.identity, options.identity);
  if (!(await git.updateRef(`refs/heads/${options.baseBranch}`, commit, ZERO_OID))) {
    throw new Error(`Could not create ${options.baseBranch} in ${options.repoPath}.`);
  }
  return true;
}
