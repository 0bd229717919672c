/**
 * Each person's limits on the requests API, counted by the rate limits Worker that the stack runs
 * beside the site (as `npm start` runs the site's own), here with low limits; the short cache of a
 * person's request list; and access mode without the Worker bound. People are told apart by
 * Cloudflare Access tokens signed with a test key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAccessKeys, type AccessKeys } from '../helpers/access.ts';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { adminFetch } from '../local-github/helpers.ts';
import type { RateLimits } from '../../packages/platform-portal/src/rate-limits/config.ts';

const LIMITS: RateLimits = { writes: { limit: 2, period: 60 }, reads: { limit: 3, period: 60 } };

let access: AccessKeys;
let stack: TestStack;
let unbound: TestStack;
beforeAll(async () => {
  access = await startAccessKeys();
  [stack, unbound] = await Promise.all([startTestStack(access.env, { rateLimits: LIMITS }), startTestStack(access.env, { rateLimits: null })]);
});
afterAll(async () => {
  await Promise.all([stack?.stop(), unbound?.stop()]);
  access?.close();
});

const feedback = (n: number) => ({ area: 'kafka', rating: 4, category: 'service', message: `Feedback number ${n}.` });
const capacity = { tenant: 'search-ranking', service: 'clickhouse', unit: 'storage_gb', value: 1750, justification: 'Index of the new catalogue doubles the stored documents.', needed_by: '2027-06-30' };

async function list(site: TestStack, email: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${site.siteUrl}/api/requests`, { headers: { ...(await access.signIn(email)), ...headers } });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** GitHub calls the local GitHub has answered since the last reset. */
const gitHubCalls = async () => ((await (await adminFetch(stack.github, 'stats')).json()) as { total: number }).total;
const resetCalls = () => adminFetch(stack.github, 'stats/reset', { method: 'POST' });

/**
 * Waits for a new minute when little of this one is left: the local binding counts in windows
 * aligned to the clock's minutes, and a test that crossed into the next would find its count reset.
 */
async function freshWindow(needed = 25_000): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < needed) await new Promise((resolve) => setTimeout(resolve, left + 200));
}

describe('the write limit', () => {
  it('answers 429 with retry-after to a person over it, and nothing reaches GitHub; another person goes on', async () => {
    await freshWindow();
    for (const n of [1, 2]) {
      const sent = await stack.post('feedback', feedback(n), { ...(await access.signIn('ada@example.com')), 'idempotency-key': `ada-feedback-${n}` });
      expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
    }
    await resetCalls();
    const refused = await stack.post('feedback', feedback(3), { ...(await access.signIn('ada@example.com')), 'idempotency-key': 'ada-feedback-3' });
    expect(await gitHubCalls()).toBe(0);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body).toMatchObject({ type: '/api/problems/too-many-requests', status: 429, retryable: true });
    expect(`${refused.body.title}. ${refused.body.detail}`).toMatchInlineSnapshot(
      `"Too many requests from you. You have sent requests faster than the portal takes them from one person; the limit keeps the GitHub budget that everyone shares. Nothing was sent to GitHub: send the same request again in 60 seconds."`,
    );

    const other = await stack.post('feedback', feedback(4), { ...(await access.signIn('grace@example.com')), 'idempotency-key': 'grace-feedback-1' });
    expect(other.status, JSON.stringify(other.body)).toBeLessThan(300);
  });
});

describe('the read limit', () => {
  it('answers 429 with retry-after to a person over it; another person still gets their own list', async () => {
    await freshWindow();
    for (let i = 0; i < LIMITS.reads.limit; i++) expect((await list(stack, 'ada@example.com')).status).toBe(200);
    const refused = await list(stack, 'ada@example.com');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body).toMatchObject({ type: '/api/problems/too-many-requests', retryable: true });
    expect(refused.body.detail).toMatchInlineSnapshot(
      `"You have loaded your requests more often than the portal allows one person; the limit keeps the GitHub budget that everyone shares. Load them again in 60 seconds."`,
    );

    const other = await list(stack, 'grace@example.com');
    expect(other.status).toBe(200);
    expect(other.body.requester).toBe('grace@example.com');
  });
});

describe("a person's request list", () => {
  it('is answered from memory on a second read, privately and with its age, and read again after their own submission', async () => {
    const carol = 'carol@example.com';
    await resetCalls();
    const first = await list(stack, carol);
    expect(first.status).toBe(200);
    expect(await gitHubCalls()).toBeGreaterThan(0);
    expect(first.headers.get('age')).toBeNull();
    expect(first.headers.get('cache-control')).toBe('private, no-store');

    await resetCalls();
    const second = await list(stack, carol);
    expect(await gitHubCalls()).toBe(0);
    expect(second.body).toEqual(first.body);
    expect(Number(second.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(Number(second.headers.get('age'))).toBeLessThan(30);
    expect(second.headers.get('cache-control')).toBe('private, no-store');

    const opened = await stack.post('capacity', capacity, { ...(await access.signIn(carol)), 'idempotency-key': 'carol-capacity-1' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    await resetCalls();
    const third = await list(stack, carol);
    expect(await gitHubCalls()).toBeGreaterThan(0);
    expect(third.headers.get('age')).toBeNull();
    expect(third.body.requests.map((r: { pullRequest: { number: number } }) => r.pullRequest.number)).toContain(opened.body.pullRequest.number);
  });

  it('is read from GitHub again when the page asks past it (Refresh sends cache-control: no-cache)', async () => {
    await list(stack, 'dave@example.com');
    await resetCalls();
    const refreshed = await list(stack, 'dave@example.com', { 'cache-control': 'no-cache' });
    expect(refreshed.status).toBe(200);
    expect(await gitHubCalls()).toBeGreaterThan(0);
    expect(refreshed.headers.get('age')).toBeNull();
  });
});

describe('access mode without the rate limits Worker', () => {
  it.each([
    ['POST', '/api/requests/feedback'],
    ['GET', '/api/requests'],
  ])('answers %s %s with 503 naming PORTAL_RATE_LIMITS and how to bind it', async (method, path) => {
    const body = method === 'POST' ? { body: JSON.stringify(feedback(5)) } : {};
    const response = await fetch(`${unbound.siteUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...(await access.signIn('ada@example.com')) }, ...body });
    expect(response.status).toBe(503);
    const problem = await response.json();
    expect(problem).toMatchObject({ type: '/api/problems/not-configured', errors: [{ path: 'PORTAL_RATE_LIMITS' }] });
    expect(problem.detail).toContain('npx wrangler deploy -c rate-limits.wrangler.toml');
    expect(await unbound.openPulls()).toEqual([]);
  });
});
