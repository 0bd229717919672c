/**
 * The per-person rate limits without wrangler: the question the functions ask and the Worker
 * reads, the two wired together through a stand-in service binding, what happens when the Worker
 * fails, the 503 of access mode without it, the config `init` writes, and the cache of a person's
 * request list. The same in wrangler: test/functions/rate-limits.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { experimental_readRawConfig } from 'wrangler';
import { edgeConfig } from '../../packages/platform-portal/src/http/edge-config.ts';
import { problemResponse } from '../../packages/platform-portal/src/http/problems.ts';
import { overLimit, spendLimit, type ServiceBinding } from '../../packages/platform-portal/src/http/rate-limits.ts';
import { cachedList, forgetList, keepList, MAX_LISTS } from '../../packages/platform-portal/src/http/request-list-cache.ts';
import { outcomeOf } from '../../packages/platform-portal/src/islands/submit-request.ts';
import { parseLimitAnswer, parseLimitCheck } from '../../packages/platform-portal/src/lib/rate-limits.ts';
import {
  DEFAULT_RATE_LIMITS,
  RATE_LIMITS_CONFIG_FILE,
  RATE_LIMITS_MAIN,
  rateLimitsConfig,
  rateLimitsService,
  rateLimitsWorkerName,
} from '../../packages/platform-portal/src/rate-limits/config.ts';
import worker from '../../packages/platform-portal/src/rate-limits/worker.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import portal from '../fixtures/basics/portal.config.ts';
import { problemOf } from '../helpers/problems.ts';

const ADA = 'a'.repeat(32);
const GRACE = 'b'.repeat(32);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Cloudflare's rate limiting binding as it counts: `limit` calls per key, then refusals. */
function countingLimiter(limit: number) {
  const counts = new Map<string, number>();
  return {
    async limit({ key }: { key: string }) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return { success: counts.get(key)! <= limit };
    },
  };
}

/** The service binding to the Worker, with the bindings given: what wrangler wires up, without wrangler. */
const bindingTo = (env: Record<string, unknown>): ServiceBinding => ({ fetch: (input, init) => worker.fetch(new Request(input, init), env) });

describe('the question and the answer', () => {
  it('are a kind and a requester hash, and a success flag, and nothing else', () => {
    expect(parseLimitCheck({ kind: 'writes', key: ADA })).toEqual({ kind: 'writes', key: ADA });
    expect(parseLimitCheck({ kind: 'reads', key: ADA, extra: 1 })).toEqual({ kind: 'reads', key: ADA });
    for (const wrong of [undefined, null, [], 'writes', { kind: 'deletes', key: ADA }, { kind: 'writes', key: 'ada@example.com' }, { kind: 'writes', key: ADA.toUpperCase() }, { kind: 'writes' }]) {
      expect(parseLimitCheck(wrong), JSON.stringify(wrong)).toBeUndefined();
    }
    expect(parseLimitAnswer({ success: false })).toEqual({ success: false });
    expect(parseLimitAnswer({ success: 'no' })).toBeUndefined();
  });
});

describe('the Worker and the functions, through the service binding', () => {
  it('counts each kind per person: over the limit is a 429 with retry-after, another person and the other kind go on', async () => {
    const limiter = bindingTo({ WRITES: countingLimiter(2), READS: countingLimiter(1) });
    await spendLimit(limiter, 'writes', ADA);
    await spendLimit(limiter, 'writes', ADA);
    const refused = await problemOf(() => spendLimit(limiter, 'writes', ADA));
    expect(refused).toEqual(overLimit('writes'));
    const response = problemResponse(refused!);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('60');
    await expect(spendLimit(limiter, 'writes', GRACE)).resolves.toBeUndefined();
    await expect(spendLimit(limiter, 'reads', ADA)).resolves.toBeUndefined();
    expect(await problemOf(() => spendLimit(limiter, 'reads', ADA))).toEqual(overLimit('reads'));
  });

  it('the Worker refuses what is not a question, and names a binding its config lacks', async () => {
    const ask = (init: RequestInit, url = 'https://rate-limits.platform-portal.internal/limit') => worker.fetch(new Request(url, init), { WRITES: countingLimiter(1) });
    expect((await ask({ method: 'GET' })).status).toBe(404);
    expect((await ask({ method: 'POST', body: '{}' }, 'https://rate-limits.platform-portal.internal/other')).status).toBe(404);
    expect((await ask({ method: 'POST', body: JSON.stringify({ kind: 'writes', key: 'ada@example.com' }) })).status).toBe(400);
    const missing = await ask({ method: 'POST', body: JSON.stringify({ kind: 'reads', key: ADA }) });
    expect(missing.status).toBe(500);
    expect(await missing.text()).toContain('[[ratelimits]] name = "READS"');
  });

  it('lets the call through, with a warning, when the Worker fails, errs or does not answer in time', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing: ServiceBinding[] = [
      bindingTo({}),
      { fetch: async () => new Response('Worker "x" not found. Make sure it is running locally.', { status: 503 }) },
      { fetch: async () => Response.json({ allowed: true }) },
      { fetch: async () => Promise.reject(new Error('connection refused')) },
      { fetch: (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason))) },
    ];
    for (const limiter of failing) await expect(spendLimit(limiter, 'writes', ADA)).resolves.toBeUndefined();
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringContaining('has no rate limiting binding WRITES'),
      expect.stringContaining('it answered 503: Worker "x" not found'),
      expect.stringContaining('it answered 200: {"allowed":true}'),
      expect.stringContaining('connection refused'),
      expect.stringMatching(/could not count a submission \(.*time.*\); it goes ahead unlimited\.$/i),
    ]);
  });

  it('without a binding (dev mode) limits nobody, and says so once', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    for (let i = 0; i < 3; i++) await spendLimit(undefined, 'writes', ADA);
    expect(info.mock.calls).toEqual([[expect.stringContaining('no PORTAL_RATE_LIMITS binding, so nobody')]]);
  });

  it('the island shows the 429 as something to try again, in the words of the API', async () => {
    const response = problemResponse(overLimit('writes'));
    expect(outcomeOf(response.status, await response.json())).toEqual({
      kind: 'retry',
      title: 'Too many requests from you',
      detail: expect.stringContaining('send the same request again in 60 seconds'),
    });
  });
});

describe('PORTAL_RATE_LIMITS in the environment', () => {
  const access = { AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: 'acme.cloudflareaccess.com', ACCESS_AUD: 'a'.repeat(64), GITHUB_TOKEN: 'a-token', PORTAL_ID_SECRET: 'x'.repeat(32) };
  const limiter = bindingTo({});

  it('is required with AUTH_MODE=access: a 503 that says how to bind it', async () => {
    const problem = await problemOf(async () => edgeConfig(access, portal));
    expect(problem?.type).toBe('not-configured');
    expect(problem?.extra.errors).toEqual([{ path: 'PORTAL_RATE_LIMITS', message: expect.any(String) }]);
    expect(problem?.message).toMatchInlineSnapshot(
      `"Fix the environment of the functions: PORTAL_RATE_LIMITS: bind the rate limits Worker: deploy it with \`npx wrangler deploy -c rate-limits.wrangler.toml\`, name it in wrangler.toml under [[services]] with binding = "PORTAL_RATE_LIMITS", and deploy the site again."`,
    );
    // A variable of that name is not a binding.
    expect((await problemOf(async () => edgeConfig({ ...access, PORTAL_RATE_LIMITS: 'platform-portal-rate-limits' }, portal)))?.type).toBe('not-configured');
    expect(edgeConfig({ ...access, PORTAL_RATE_LIMITS: limiter }, portal).rateLimits).toBe(limiter);
  });

  it('may be missing in dev mode', () => {
    expect(edgeConfig({ AUTH_MODE: 'dev', DEV_USER_EMAIL: 'dev@example.com', GITHUB_TOKEN: 'a-token' }, portal).rateLimits).toBeUndefined();
  });
});

/** TOML as wrangler reads it. */
function parseToml(text: string): Record<string, unknown> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'portal-rate-limits-config-'));
  try {
    writeFileSync(path.join(dir, 'wrangler.toml'), text);
    return experimental_readRawConfig({ config: path.join(dir, 'wrangler.toml') }).rawConfig as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the config of the Worker', () => {
  it('is what wrangler reads: the limits, no public URL, and the name the service binding names', () => {
    const name = rateLimitsWorkerName('acme-portal');
    const text = rateLimitsConfig({ name, main: RATE_LIMITS_MAIN, limits: { writes: { limit: 3, period: 10 }, reads: { limit: 50, period: 60 } } });
    const config = parseToml(text);
    expect(config).toMatchObject({
      name: 'acme-portal-rate-limits',
      main: 'node_modules/platform-portal/dist/rate-limits/worker.js',
      workers_dev: false,
      preview_urls: false,
      ratelimits: [
        { name: 'WRITES', namespace_id: '7101', simple: { limit: 3, period: 10 } },
        { name: 'READS', namespace_id: '7102', simple: { limit: 50, period: 60 } },
      ],
    });
    expect(parseToml(rateLimitsService(name))).toEqual({ services: [{ binding: 'PORTAL_RATE_LIMITS', service: name }] });
  });

  it('of the demo site is the Worker its wrangler.toml binds, built where its main points', () => {
    const site = parseToml(readFileSync(path.join(REPO_ROOT, 'wrangler.toml'), 'utf-8')) as { services: { binding: string; service: string }[] };
    const limits = parseToml(readFileSync(path.join(REPO_ROOT, RATE_LIMITS_CONFIG_FILE), 'utf-8')) as { name: string; main: string; ratelimits: unknown[] };
    expect(site.services).toContainEqual({ binding: 'PORTAL_RATE_LIMITS', service: limits.name });
    expect(limits.main).toBe(RATE_LIMITS_MAIN);
    expect(limits.ratelimits).toHaveLength(2);
    expect(parseToml(rateLimitsConfig({ name: limits.name, main: RATE_LIMITS_MAIN, limits: DEFAULT_RATE_LIMITS }))).toEqual(limits);
  });
});

describe("the cache of a person's request list", () => {
  const list = { requester: 'ada@example.com', build: null, requests: [] };
  const at = Date.parse('2026-12-04T10:00:00Z');
  afterEach(() => {
    forgetList(ADA);
    forgetList(GRACE);
  });

  it('keeps a list per person for the seconds set, and drops it after their own submission', () => {
    keepList(ADA, list, 30, at);
    expect(cachedList(ADA, 30, at + 12_500)).toEqual({ list, ageSeconds: 12 });
    expect(cachedList(GRACE, 30, at)).toBeUndefined();
    expect(cachedList(ADA, 30, at + 30_000)).toBeUndefined();
    expect(cachedList(ADA, 10, at + 12_500)).toBeUndefined();
    expect(cachedList(ADA, 30, at - 1000)).toBeUndefined();
    forgetList(ADA);
    expect(cachedList(ADA, 30, at)).toBeUndefined();
  });

  it('keeps nothing and finds nothing with 0 seconds (PORTAL_LIST_CACHE_SECONDS=0)', () => {
    keepList(ADA, list, 0, at);
    expect(cachedList(ADA, 30, at)).toBeUndefined();
    keepList(ADA, list, 30, at);
    expect(cachedList(ADA, 0, at)).toBeUndefined();
  });

  it(`keeps at most ${MAX_LISTS} lists, dropping the one kept longest ago`, () => {
    const people = Array.from({ length: MAX_LISTS + 1 }, (_, i) => `person-${i}`);
    people.forEach((person, i) => keepList(person, list, 30, at + i));
    expect(cachedList(people[0]!, 30, at + 1000)).toBeUndefined();
    expect(cachedList(people[1]!, 30, at + 1000)).toBeDefined();
    expect(cachedList(people.at(-1)!, 30, at + 1000)).toBeDefined();
    people.forEach(forgetList);
  });

  it('lasts 30 s unless PORTAL_LIST_CACHE_SECONDS says otherwise, from 0 to 300', async () => {
    const dev = { AUTH_MODE: 'dev', DEV_USER_EMAIL: 'dev@example.com', GITHUB_TOKEN: 'a-token' };
    expect(edgeConfig(dev, portal).listCacheSeconds).toBe(30);
    expect(edgeConfig({ ...dev, PORTAL_LIST_CACHE_SECONDS: '0' }, portal).listCacheSeconds).toBe(0);
    for (const wrong of ['soon', '-1', '301', '1.5']) {
      const problem = await problemOf(async () => edgeConfig({ ...dev, PORTAL_LIST_CACHE_SECONDS: wrong }, portal));
      expect(problem?.extra.errors, wrong).toEqual([{ path: 'PORTAL_LIST_CACHE_SECONDS', message: expect.any(String) }]);
    }
  });
});
