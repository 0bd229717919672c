/**
 * The usage pull request on the local GitHub: one standing pull request that each run overwrites,
 * no commit when nothing changed, and a new pull request once the last one was merged.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';
import { gitHubConfigFromEnv } from '../../packages/platform-portal/src/github/config.ts';
import { readFiles, type Repo } from '../../packages/platform-portal/src/github/pull-requests.ts';
import type { UsageFile } from '../../packages/platform-portal/src/schemas/usage.ts';
import { serializeUsageFile } from '../../packages/platform-portal/src/usage/files.ts';
import { proposeUsage, USAGE_BRANCH } from '../../packages/platform-portal/src/usage/pull-request.ts';
import { startLocalGitHub, type LocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { tickingClock } from '../local-github/helpers.ts';

const OWNER = 'acme-platform';
const NAME = 'portal-config';

/** A usage file whose every point is `value`, for the `days` days up to `end`. */
function usage(tenant: string, end: string, value: number, days = 3): UsageFile {
  const last = Date.parse(`${end}T00:00:00Z`);
  const points = Array.from({ length: days }, (_, i): [string, number] => [new Date(last - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10), value]);
  return { tenant, fetched_at: `${end}T06:00:00Z`, series: [{ service: 'kafka', unit: 'storage_gb', points }] };
}

let root: string;
let server: LocalGitHub;
let repo: Repo;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'usage-pr-test-'));
  const seed = path.join(root, 'seed');
  await mkdir(path.join(seed, 'content/usage'), { recursive: true });
  await writeFile(path.join(seed, 'content/usage/checkout.json'), serializeUsageFile(usage('checkout', '2026-11-20', 100)));
  server = await startLocalGitHub({ port: 0, repo: `${OWNER}/${NAME}`, dataDir: path.join(root, 'data'), seedFrom: seed, now: tickingClock() });
  const config = gitHubConfigFromEnv({
    GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
    GITHUB_BASE_BRANCH: 'main',
    GITHUB_API_URL: server.apiUrl,
    GITHUB_TOKEN: 'test-token',
    GITHUB_WRITE_INTERVAL_MS: '0',
    GITHUB_RETRY_BASE_MS: '0',
  });
  repo = { gh: createGitHub(config), config };
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

const openPulls = async () => (await repo.gh.rest.pulls.list({ owner: OWNER, repo: NAME, state: 'open' })).data;
const branchHead = async (branch = USAGE_BRANCH) => (await repo.gh.rest.git.getRef({ owner: OWNER, repo: NAME, ref: `heads/${branch}` })).data.object.sha;
const onBranch = async (tenant: string, branch = USAGE_BRANCH) => (await readFiles(repo, [`content/usage/${tenant}.json`], branch)).get(`content/usage/${tenant}.json`)?.content;
const changedFiles = async (number: number) => (await repo.gh.rest.pulls.listFiles({ owner: OWNER, repo: NAME, pull_number: number })).data.map((f) => f.filename).sort();

describe('the usage pull request', () => {
  it('is one open pull request that the next run overwrites with its newer files', async () => {
    const first = await proposeUsage(repo, [usage('checkout', '2026-11-23', 110), usage('search-ranking', '2026-11-23', 50)], { end: '2026-11-23', days: 3 });
    expect(first).toMatchObject({ created: true, branch: USAGE_BRANCH });

    const newer = [usage('checkout', '2026-11-24', 120), usage('search-ranking', '2026-11-24', 55)];
    const second = await proposeUsage(repo, newer, { end: '2026-11-24', days: 3 });
    expect(second).toMatchObject({ number: first!.number, created: false });

    const pulls = await openPulls();
    expect(pulls).toHaveLength(1);
    expect(pulls[0]!.title).toBe('Usage data up to 2026-11-24');
    expect(pulls[0]!.body).toContain('2026-11-22 to 2026-11-24');
    expect(pulls[0]!.labels.map((l) => l.name)).toEqual(['usage-data']);
    expect(await onBranch('checkout')).toBe(serializeUsageFile(newer[0]!));
    expect(await onBranch('search-ranking')).toBe(serializeUsageFile(newer[1]!));
    expect(await changedFiles(first!.number)).toEqual(['content/usage/checkout.json', 'content/usage/search-ranking.json']);
  });

  it('makes no commit when a run brings nothing new', async () => {
    const head = await branchHead();
    const again = await proposeUsage(repo, [usage('checkout', '2026-11-24', 120), usage('search-ranking', '2026-11-24', 55)], { end: '2026-11-24', days: 3 });
    expect(again).toMatchObject({ created: false });
    expect(await branchHead()).toBe(head);
    expect(await openPulls()).toHaveLength(1);
  });

  it('opens a new pull request from the base branch after the last one was merged', async () => {
    const [merged] = await openPulls();
    await repo.gh.rest.pulls.merge({ owner: OWNER, repo: NAME, pull_number: merged!.number });

    // Nothing differs from what was merged: no pull request at all.
    expect(await proposeUsage(repo, [usage('checkout', '2026-11-24', 120)], { end: '2026-11-24', days: 3 })).toBeUndefined();

    const next = await proposeUsage(repo, [usage('checkout', '2026-11-25', 130), usage('search-ranking', '2026-11-24', 55)], { end: '2026-11-25', days: 3 });
    expect(next).toMatchObject({ created: true });
    expect(next!.number).not.toBe(merged!.number);
    // Started again from the base branch: only the file that changed since the merge.
    expect(await changedFiles(next!.number)).toEqual(['content/usage/checkout.json']);
    expect(await openPulls()).toHaveLength(1);
  });

  it('writes and reads back a usage file of more than 1 MB (1,000 days of many series), through the blob API', async () => {
    const days = 1000;
    const end = Date.parse('2026-11-30T00:00:00Z');
    const points = Array.from({ length: days }, (_, i): [string, number] => [new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10), 1000 + i / 7]);
    const series = Array.from({ length: 60 }, (_, i) => ({ service: 'kafka', unit: `unit_${i}`, points }));
    const large: UsageFile = { tenant: 'checkout', fetched_at: '2026-11-30T06:00:00Z', series };
    const text = serializeUsageFile(large);
    expect(text.length).toBeGreaterThan(1024 * 1024);
    for (const pull of await openPulls()) await repo.gh.rest.pulls.merge({ owner: OWNER, repo: NAME, pull_number: pull.number });

    const opened = await proposeUsage(repo, [large], { end: '2026-11-30', days });
    expect(opened).toMatchObject({ created: true });
    expect(await onBranch('checkout', opened!.branch)).toBe(text);
    // A second run with the same file reads it back (over 1 MB: the contents API sends no content) and writes nothing.
    const head = await branchHead(opened!.branch);
    expect(await proposeUsage(repo, [large], { end: '2026-11-30', days })).toMatchObject({ number: opened!.number, created: false });
    expect(await branchHead(opened!.branch)).toBe(head);
  }, 60_000);
});

