/**
 * Creates the bare repository on first start: one commit on the base branch holding the seed
 * folder's files at the same paths (e.g. the project's content/tenants/acme.yaml). Later starts
 * reuse it; --reset deletes it first.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CODEOWNERS_LOCATIONS } from '../../lib/codeowners.ts';
import { Git, ZERO_OID, type Identity } from './git.ts';

/**
 * What seeds a new repository from the project, at the same paths: its content/, and its CODEOWNERS,
 * which an onboarding request extends with the new tenant's owners.
 */
export const PROJECT_SEED_PATHS = ['content', ...CODEOWNERS_LOCATIONS];

/**
 * The commit whose tree is the seed folder as it was last taken into the base branch (see
 * working-tree-sync.ts). Outside refs/heads/, so no API lists it as a branch.
 */
export const SYNCED_REF = 'refs/portal/synced';

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
export async function seedTree(git: Git, options: Pick<SeedOptions, 'repoPath' | 'seedFrom' | 'seedPaths'>): Promise<string> {
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
  await git.updateRef(SYNCED_REF, commit, ZERO_OID);
  return true;
}
