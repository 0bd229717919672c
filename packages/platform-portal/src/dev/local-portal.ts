/**
 * The whole loop on one machine, as `platform-portal start` runs it: the local GitHub, seeded from
 * the site's content/ (edits made to content/ since the last start are merged into its base branch);
 * the site built from that branch and served with its functions; and a rebuild after each change of
 * the branch (a merge in the local GitHub's web view, say), so a request goes from the form through
 * review to live.
 */
import { localGitHubEnv, startDevStack, type DevStack, type DevStackOptions } from './dev-stack.ts';
import { buildAt, rebuildOnMerge, type LocalBuildOptions } from './local-builds.ts';
import type { LocalGitHub } from './local-github/server.ts';
import { PROJECT_SEED_PATHS } from './local-github/seed.ts';
import { syncWorkingTree } from './local-github/working-tree-sync.ts';

const IDENTITY = { name: 'Local GitHub', email: 'local-github@users.noreply.github.com' };

export interface LocalPortalOptions extends Omit<DevStackOptions, 'prepareSite' | 'onBranchUpdated'> {
  /** Build before serving (false: serve the last build, `start --no-build`). */
  build: boolean;
  /** What the stack has to say: the sync of content/, rebuilds. */
  log: (line: string) => void;
  warn: (line: string) => void;
}

export interface LocalPortal extends DevStack {
  /** Resolves once no rebuild runs or waits. */
  rebuilt(): Promise<void>;
}

/** Brings the author's edits to content/ into the base branch, says what happened, and returns its tip. */
async function syncContent(options: LocalPortalOptions, github: LocalGitHub): Promise<string> {
  const baseBranch = options.config.github.baseBranch;
  const result = await syncWorkingTree({ repoPath: github.repoPath, baseBranch, seedFrom: options.root, seedPaths: PROJECT_SEED_PATHS, identity: IDENTITY });
  if (result.kind === 'merged' || result.kind === 'fast-forward') options.log(`Took the edits to content/ since the last start into ${baseBranch} of the local GitHub.`);
  if (result.kind === 'conflict') {
    options.warn(
      `Your edits to ${result.files.join(', ')} conflict with requests merged in the local GitHub since the last start, ` +
        `so ${baseBranch} there stays as it was. Start with --reset to begin afresh from content/.`,
    );
  }
  return result.base;
}

export async function startLocalPortal(options: LocalPortalOptions): Promise<LocalPortal> {
  let rebuilds: ReturnType<typeof rebuildOnMerge> | undefined;
  const stack = await startDevStack({
    ...options,
    onBranchUpdated: (branch, sha) => rebuilds?.update(branch, sha),
    prepareSite: async (github) => {
      const base = await syncContent(options, github);
      const builds: LocalBuildOptions = {
        root: options.root,
        github,
        baseBranch: options.config.github.baseBranch,
        env: localGitHubEnv(github, options.config),
        stdio: options.inheritOutput ? 'inherit' : 'ignore',
      };
      if (options.build) await buildAt(base, builds);
      rebuilds = rebuildOnMerge({ ...builds, log: options.log });
      rebuilds.builtFrom(base);
    },
  });
  return { ...stack, rebuilt: () => rebuilds?.settled() ?? Promise.resolve() };
}
