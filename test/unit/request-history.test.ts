import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminFetch, startHarness, OWNER, REPO, type Harness } from '../local-github/helpers.ts';
import { openPulls, settableClock } from '../helpers/request-pulls.ts';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';
import { gitHubConfigFromEnv } from '../../packages/platform-portal/src/github/config.ts';
import { GitHubError } from '../../packages/platform-portal/src/github/errors.ts';
import { listRequestPulls, readRequestHistory } from '../../packages/platform-portal/src/github/request-history.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-11-25T12:00:00Z');
const daysAgo = (days: number, hours = 0) => new Date(NOW.getTime() - days * DAY + hours * 3_600_000);
const SINCE = daysAgo(90);

const clock = settableClock(daysAgo(200));
let harness: Harness;
let env: Parameters<typeof readRequestHistory>[0];
let numbers: number[];

beforeAll(async () => {
  harness = await startHarness(undefined, { now: clock.now });
  env = { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_BASE_BRANCH: 'main', GITHUB_API_URL: harness.server.apiUrl, GITHUB_TOKEN: 'build-token', GITHUB_RETRY_BASE_MS: '1' };
  numbers = await openPulls(harness.octokit, `${OWNER}/${REPO}`, clock, [
    { type: 'onboarding', createdAt: daysAgo(120), mergedAt: daysAgo(119) },
    { type: 'capacity', createdAt: daysAgo(91) },
    { type: 'onboarding', createdAt: daysAgo(60), mergedAt: daysAgo(58) },
    { createdAt: daysAgo(50), mergedAt: daysAgo(49) },
    { type: 'capacity', createdAt: daysAgo(30), closed: true },
    { type: 'feedback', createdAt: daysAgo(10) },
    { type: 'capacity', createdAt: daysAgo(2), mergedAt: daysAgo(2, 5) },
  ]);
});
afterAll(() => harness?.close());

const stats = async () => (await (await adminFetch(harness.server, 'stats')).json()) as { byName: Record<string, number> };
const resetStats = () => adminFetch(harness.server, 'stats/reset', { method: 'POST' });

describe('request pull requests for the scorecard', () => {
  it('lists the marked pull requests created since the window start, newest first, with type, state and dates', async () => {
    const config = gitHubConfigFromEnv(env);
    const pulls = await listRequestPulls({ gh: createGitHub(config), config }, { since: SINCE, author: 'local-dev' });
    expect(pulls.map((p) => [p.number, p.type, p.state])).toEqual([
      [numbers[6], 'capacity', 'merged'],
      [numbers[5], 'feedback', 'open'],
      [numbers[4], 'capacity', 'closed'],
      [numbers[2], 'onboarding', 'merged'],
    ]);
    expect(pulls[0]!.created_at).toBe(daysAgo(2).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(pulls[0]!.merged_at).toBe(daysAgo(2, 5).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(pulls[1]!.merged_at).toBeNull();
    expect(pulls[0]!.url).toBe(`${harness.server.webUrl}/pulls/${numbers[6]}`);
  });

  it('stops paging at the first pull request older than the window', async () => {
    const config = gitHubConfigFromEnv(env);
    await resetStats();
    const pulls = await listRequestPulls({ gh: createGitHub(config), config }, { since: SINCE, author: 'local-dev', perPage: 2 });
    expect(pulls).toHaveLength(4);
    // Pages of two, newest first: 6 5 | 4 3 | 2 1 — the third page reaches past the window; the fourth is never read.
    expect((await stats()).byName['list-pulls']).toBe(3);
  });
});

describe('reading the request history at build time', () => {
  it('has no source without credentials', async () => {
    const { GITHUB_TOKEN: _token, ...withoutToken } = env;
    expect(await readRequestHistory(withoutToken, SINCE)).toEqual({ status: 'not-configured' });
  });

  it('reads the pull requests when a token is set', async () => {
    const history = await readRequestHistory(env, SINCE);
    expect(history.status === 'ok' && history.pulls.length).toBe(4);
    expect(history.status === 'ok' && history.repository).toBe(`${OWNER}/${REPO}`);
    // The local GitHub without a token map takes every token as local-dev, who opened them all.
    expect(history.status === 'ok' && history.author).toBe('local-dev');
  });

  it('is unavailable, with the reason, when GitHub keeps failing', async () => {
    await adminFetch(harness.server, 'faults', { method: 'POST', body: JSON.stringify({ route: 'list-pulls', kind: '502', times: 3 }) });
    const history = await readRequestHistory(env, SINCE);
    expect(history).toEqual({
      status: 'unavailable',
      repository: `${OWNER}/${REPO}`,
      error: `Reading pull requests from ${harness.server.apiUrl} failed: GitHub failed while listing pull requests for the scorecard (HTTP 502), also after retries.`,
    });
  });

  it('fails, naming what to check, when the repository does not exist', async () => {
    const reading = readRequestHistory({ ...env, GITHUB_REPOSITORY: `${OWNER}/no-such-repo` }, SINCE);
    await expect(reading).rejects.toThrow(GitHubError);
    await expect(reading).rejects.toThrow(/check GITHUB_REPOSITORY/);
  });
});
