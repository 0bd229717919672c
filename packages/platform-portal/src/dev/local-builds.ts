/**
 * The site as `platform-portal start` builds it: from its local GitHub's base branch, as a
 * deployment builds from GitHub's, so that a request merged there goes live once the site is
 * rebuilt. The branch's content/ is checked out beside the site (.local/build/content) and the
 * build reads it from there (PORTAL_CONTENT_DIR), named as built from that commit.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_DIR, CONTENT_DIR_VARIABLE, CONTENT_GIT_DIR_VARIABLE } from '../collections/layout.ts';
import { astroBin } from './bins.ts';
import { Git } from './local-github/git.ts';
import type { LocalGitHub } from './local-github/server.ts';

/** Where the base branch's content is checked out for a build, from the site's root. */
export const BUILD_CONTENT_DIR = '.local/build/content';

export interface LocalBuildOptions {
  root: string;
  github: LocalGitHub;
  baseBranch: string;
  /** What the build reads besides the content: how it reaches the local GitHub (the scorecard). */
  env: Record<string, string>;
  /** Where the build's own output goes; `npm start` shows it. */
  stdio: 'inherit' | 'ignore';
}

/** The base branch's content/ at `sha`, in place of what an earlier build checked out. */
async function checkOut(repoPath: string, sha: string, root: string): Promise<void> {
  const target = path.join(root, BUILD_CONTENT_DIR);
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const git = new Git(repoPath);
  try {
    const files = (await git.text(['ls-tree', '-r', '--name-only', sha, '--', CONTENT_DIR])).split('\n').filter(Boolean);
    if (files.length === 0) return;
    // git archive | tar: the files as they are in the commit, modes included.
    const archive = spawn('git', ['archive', '--format=tar', sha, CONTENT_DIR], { cwd: repoPath, stdio: ['ignore', 'pipe', 'inherit'] });
    const tar = spawn('tar', ['-x', '--strip-components=1', '-C', target], { stdio: ['pipe', 'ignore', 'inherit'] });
    archive.stdout.pipe(tar.stdin);
    const [[archived], [extracted]] = await Promise.all([once(archive, 'close'), once(tar, 'close')]);
    if (archived !== 0 || extracted !== 0) throw new Error(`Checking out ${CONTENT_DIR}/ of ${sha} failed (git archive ${archived}, tar ${extracted}).`);
  } finally {
    git.close();
  }
}

/** Builds the site from the base branch at `sha`. */
export async function buildAt(sha: string, options: LocalBuildOptions): Promise<void> {
  await checkOut(options.github.repoPath, sha, options.root);
  const env = {
    ...process.env,
    ...options.env,
    [CONTENT_DIR_VARIABLE]: BUILD_CONTENT_DIR,
    [CONTENT_GIT_DIR_VARIABLE]: options.github.repoPath,
    PORTAL_BUILD_COMMIT: sha,
    PORTAL_BUILD_BRANCH: options.baseBranch,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  const child = spawn(process.execPath, [astroBin(options.root), 'build'], { cwd: options.root, stdio: options.stdio, env });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`astro build failed (exit ${code})${options.stdio === 'inherit' ? '; see its output above' : ''}.`);
}

/**
 * Rebuilds after the base branch moved, one build at a time: moves during a build are taken by
 * one more build of the newest commit. `settled()` resolves once no build runs or waits.
 */
export function rebuildOnMerge(options: LocalBuildOptions & { log: (line: string) => void }) {
  let running: Promise<void> | undefined;
  let wanted: string | undefined;
  let built: string | undefined;
  const loop = async () => {
    while (wanted && wanted !== built) {
      const sha = wanted;
      const started = Date.now();
      options.log(`${options.baseBranch} moved to ${sha.slice(0, 7)}: rebuilding the site from it…`);
      try {
        await buildAt(sha, options);
        built = sha;
        options.log(`Rebuilt from ${sha.slice(0, 7)} in ${((Date.now() - started) / 1000).toFixed(1)} s: merged requests are live.`);
      } catch (error) {
        built = sha;
        options.log(`The rebuild from ${sha.slice(0, 7)} failed: ${error instanceof Error ? error.message : String(error)} The site stays as it was.`);
      }
    }
    running = undefined;
  };
  return {
    /** The build the stack started from, so an update to the same commit builds nothing. */
    builtFrom(sha: string) {
      built = sha;
    },
    update(branch: string, sha: string) {
      if (branch !== options.baseBranch) return;
      wanted = sha;
      running ??= loop();
    },
    settled: () => running ?? Promise.resolve(),
  };
}
