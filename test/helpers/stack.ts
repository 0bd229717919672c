import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDevStack, type DevStack } from '../../packages/platform-portal/src/dev/dev-stack.ts';
import { adminFetch } from '../local-github/helpers.ts';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';
import type { RateLimits } from '../../packages/platform-portal/src/rate-limits/config.ts';
import { BASICS } from './fixtures.ts';
import { startOnFreePorts } from './free-ports.ts';
import { testOctokit, type Octokit } from './octokit.ts';
import portal from '../fixtures/basics/portal.config.ts';

export const [OWNER, REPO] = portal.github.repository.split('/') as [string, string];

export interface TestStack extends DevStack {
  /** Octokit on the local GitHub, to read back what the functions did. */
  octokit: Octokit;
  post(type: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  openPulls(): Promise<Awaited<ReturnType<Octokit['rest']['pulls']['list']>>['data']>;
  /** Arms a fault in the local GitHub (its /_admin switch, with the admin token). */
  fault(spec: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
}

/**
 * Limits no test reaches by accident: tests send one person's requests by the dozen (races,
 * retries, the hostile corpus), and test/functions/rate-limits.test.ts sets low ones of its own.
 */
export const UNREACHED_LIMITS: RateLimits = { writes: { limit: 10_000, period: 60 }, reads: { limit: 10_000, period: 60 } };

export interface TestStackOptions {
  /** The rate limits Worker's limits (UNREACHED_LIMITS by default); null runs none, as a site without one. */
  rateLimits?: RateLimits | null;
  /** Another built fixture site than the basics: its folder and its portal.config.ts. */
  site?: { root: string; config: { github: { repository: string; baseBranch: string } } };
}

/** The built site in wrangler with a fresh local GitHub seeded from content/, on free loopback ports. */
export async function startTestStack(env: Record<string, string> = {}, options: TestStackOptions = {}): Promise<TestStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-github-'));
  const limits = options.rateLimits === undefined ? UNREACHED_LIMITS : options.rateLimits;
  const { root, config } = options.site ?? { root: BASICS, config: portal };
  const [owner, repo] = config.github.repository.split('/') as [string, string];
  const stack = await startOnFreePorts(async () =>
    startDevStack({ root, config, sitePort: await freePort(), githubPort: await freePort(), dataDir, env, ...(limits ? { rateLimits: limits } : {}) }),
  );
  const octokit = testOctokit({ auth: 'test', baseUrl: stack.github.apiUrl });
  return {
    ...stack,
    octokit,
    async post(type, body, headers = {}) {
      const response = await fetch(`${stack.siteUrl}/api/requests/${type}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text for the assertion message
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async openPulls() {
      return (await octokit.rest.pulls.list({ owner, repo, state: 'all', per_page: 100 })).data;
    },
    async fault(spec) {
      const response = await adminFetch(stack.github, 'faults', { method: 'POST', body: JSON.stringify(spec) });
      if (!response.ok) throw new Error(`arming fault failed: ${response.status} ${await response.text()}`);
    },
    async clearFaults() {
      const response = await adminFetch(stack.github, 'faults', { method: 'DELETE' });
      if (!response.ok) throw new Error(`clearing faults failed: ${response.status} ${await response.text()}`);
    },
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
