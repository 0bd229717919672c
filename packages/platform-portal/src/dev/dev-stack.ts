/**
 * The whole portal on one machine: the local GitHub over a real git repository, and the built site
 * with its functions in `wrangler pages dev`, pointed at it. Used by `npm start`, the end-to-end
 * tests and the benchmark. The local GitHub starts first, so that a site build can read from it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLocalGitHub, type LocalGitHub } from './local-github/server.ts';
import { PROJECT_SEED_PATHS } from './local-github/seed.ts';
import { DEV_ID_SECRET } from '../http/ids.ts';
import { RATE_LIMITS_BINDING } from '../lib/rate-limits.ts';
import { RATE_LIMITS_CONFIG_FILE, rateLimitsConfig, type RateLimits } from '../rate-limits/config.ts';
import { startWranglerDev, type WranglerDev, type WranglerDevOptions } from './wrangler-dev.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

export interface DevStack {
  siteUrl: string;
  github: LocalGitHub;
  wrangler: WranglerDev;
  stop(): Promise<void>;
}

export interface DevStackOptions {
  /** The site: its built dist/ is served, its content/ seeds a new local GitHub. */
  root: string;
  config: { github: Pick<PortalConfig['github'], 'repository' | 'baseBranch'> };
  sitePort: number;
  githubPort: number;
  dataDir?: string;
  reset?: boolean;
  inheritOutput?: boolean;
  /** Extra variables for the functions (e.g. AUTH_MODE=access in tests). */
  env?: Record<string, string>;
  /** Runs once the local GitHub is up and before the site is served: `npm start` builds the site here. */
  prepareSite?: (github: LocalGitHub) => Promise<void>;
  /** Told of every branch the local GitHub moves (merges, pushes): `npm start` rebuilds on its base branch. */
  onBranchUpdated?: (branch: string, sha: string) => void;
  /**
   * Each person's limits, counted by the rate limits Worker run beside the site. By default the
   * site's own rate-limits.wrangler.toml, so `npm start` limits as the deployment will, or none
   * when the site has none (the functions say so once). Tests give their own.
   */
  rateLimits?: RateLimits;
}

const LOCAL_TOKEN = 'local-dev-token';

/** The rate limits Worker beside this module: its source under vitest, its build in dist/. */
const LIMITER_MAIN = fileURLToPath(new URL(`../rate-limits/worker${path.extname(import.meta.url)}`, import.meta.url));

interface Limiter {
  options: Pick<WranglerDevOptions, 'workers' | 'services'>;
  dispose(): Promise<void>;
}

/** The rate limits Worker the stack runs: given limits in a config of its own, or the site's config. */
async function limiterFor(root: string, limits: RateLimits | undefined): Promise<Limiter> {
  if (!limits) {
    const own = existsSync(path.join(root, RATE_LIMITS_CONFIG_FILE));
    return { options: own ? { workers: [RATE_LIMITS_CONFIG_FILE] } : {}, dispose: async () => {} };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portal-rate-limits-'));
  const config = path.join(dir, RATE_LIMITS_CONFIG_FILE);
  // A name of its own: wrangler's dev registry knows Workers of every local session by name.
  const name = path.basename(dir).toLowerCase();
  await writeFile(config, rateLimitsConfig({ name, main: LIMITER_MAIN, limits }));
  return {
    // The binding is set here too: the site's wrangler.toml may name its deployed Worker, or none.
    options: { workers: [config], services: { [RATE_LIMITS_BINDING]: name } },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** How the functions and the build (its scorecard) reach the local GitHub. */
export function localGitHubEnv(github: LocalGitHub, config: DevStackOptions['config']): Record<string, string> {
  return {
    GITHUB_API_URL: github.apiUrl,
    GITHUB_TOKEN: LOCAL_TOKEN,
    GITHUB_REPOSITORY: config.github.repository,
    GITHUB_BASE_BRANCH: config.github.baseBranch,
  };
}

export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const { root, config } = options;
  const github = await startLocalGitHub({
    port: options.githubPort,
    repo: config.github.repository,
    baseBranch: config.github.baseBranch,
    dataDir: options.dataDir ?? path.join(root, '.local/github'),
    seedFrom: root,
    seedPaths: PROJECT_SEED_PATHS,
    reset: options.reset ?? false,
    ...(options.onBranchUpdated ? { onBranchUpdated: options.onBranchUpdated } : {}),
  });
  let limiter: Limiter | undefined;
  try {
    await options.prepareSite?.(github);
    limiter = await limiterFor(root, options.rateLimits);
    const wrangler = await startWranglerDev({
      root,
      port: options.sitePort,
      inheritOutput: options.inheritOutput ?? false,
      ...(options.dataDir ? { persistTo: path.join(options.dataDir, 'wrangler') } : {}),
      ...limiter.options,
      bindings: {
        ...localGitHubEnv(github, config),
        // The local GitHub has no secondary rate limits: no pause between writes, short back-off.
        GITHUB_WRITE_INTERVAL_MS: '0',
        GITHUB_RETRY_BASE_MS: '100',
        AUTH_MODE: 'dev',
        DEV_USER_EMAIL: 'developer@example.com',
        DEV_USER_NAME: 'Local Developer',
        // Public, and refused with AUTH_MODE=access: fixed, so My requests finds earlier requests after a restart.
        PORTAL_ID_SECRET: DEV_ID_SECRET,
        ...options.env,
      },
    });
    return {
      siteUrl: wrangler.url,
      github,
      wrangler,
      async stop() {
        await wrangler.stop();
        await github.close();
        await limiter?.dispose();
      },
    };
  } catch (error) {
    await github.close();
    await limiter?.dispose();
    throw error;
  }
}
