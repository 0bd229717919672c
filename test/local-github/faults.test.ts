/**
 * Fault injection and call counting through /_admin: what the portal's retry policy and the
 * benchmarks rely on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultMatches, parseFaultOption } from '../../packages/platform-portal/src/dev/local-github/faults.ts';
import { testOctokit } from '../helpers/octokit.ts';
import { base64, call, git, OWNER, REPO, startHarness, type Harness } from './helpers.ts';

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
const repo = { owner: OWNER, repo: REPO };
let h: Harness;
let mainSha: string;

beforeAll(async () => {
  h = await startHarness();
  mainSha = (await git(h.server.repoPath, 'rev-parse', 'main')).trim();
});
afterAll(async () => {
  await h?.close();
});

/** An /_admin call with the token the server made at start. */
const admin = (method: string, path: string, body?: string) => call(h.server, method, path, { headers: { authorization: `Bearer ${h.server.adminToken}` }, ...(body === undefined ? {} : { body }) });
const arm = (fault: unknown) => admin('POST', '/_admin/faults', JSON.stringify(fault));

describe('the admin switch', () => {
  it('makes a new random token at each start', async () => {
    expect(h.server.adminToken).toMatch(/^[\w-]{43}$/);
    const again = await h.restart();
    expect(again.adminToken).not.toBe(h.server.adminToken);
  });

  it.each([
    ['no Authorization header', {}],
    ['an API token', { authorization: 'token test-token' }],
    ['a wrong bearer token', { authorization: 'Bearer not-the-admin-token' }],
    ['the token in another scheme', { authorization: 'Basic x' }],
    // What a web page can send to loopback without a preflight: a form or text/plain post.
    ['a cross-site form post', { authorization: '', 'content-type': 'text/plain', origin: 'https://evil.example' }],
  ])('refuses %s with 403 and a GitHub-like body, changing nothing', async (_name, headers: Record<string, string>) => {
    for (const [method, path, body] of [
      ['POST', '/_admin/faults', JSON.stringify({ route: '*', kind: '500', times: 99 })],
      ['GET', '/_admin/faults', undefined],
      ['DELETE', '/_admin/faults', undefined],
      ['GET', '/_admin/stats', undefined],
      ['POST', '/_admin/stats/reset', undefined],
    ] as const) {
      const answer = await call(h.server, method, path, { headers, ...(body ? { body } : {}) });
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.json).toEqual({
        message: 'The admin paths of the local GitHub need the admin token it printed at start: Authorization: Bearer <token>.',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      });
    }
    expect((await admin('GET', '/_admin/faults')).json).toEqual([]);
    expect((await call(h.server, 'GET', REPO_PATH)).status).toBe(200);
  });
});

describe('fault injection', () => {
  it('fails the next N matching calls, then serves normally (2 x 502, then success through plugin-retry)', async () => {
    expect((await arm({ route: 'create-ref', kind: '502', times: 2 })).status).toBe(201);
    const octokit = testOctokit({ auth: 't', baseUrl: h.server.apiUrl, retry: { retryAfterBaseValue: 1 }, log: { debug() {}, info() {}, warn() {}, error() {} } });
    await admin('POST', '/_admin/stats/reset');
    const created = await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/after-502', sha: mainSha });
    expect(created.status).toBe(201);
    const stats = (await admin('GET', '/_admin/stats')).json;
    expect(stats).toMatchObject({ total: 3, byName: { 'create-ref': 3 }, byRoute: { 'POST /repos/{owner}/{repo}/git/refs': 3 } });
    expect((await admin('GET', '/_admin/faults')).json).toEqual([]);
  });

  it('answers a secondary rate limit like GitHub: 403, retry-after, the documented message', async () => {
    await arm({ route: 'PUT /repos/{owner}/{repo}/contents/{path}', kind: 'secondary-rate-limit', retryAfter: 3 });
    const body = JSON.stringify({ message: 'm', content: base64('x\n'), branch: 'after-502' });
    const limited = await call(h.server, 'PUT', `${REPO_PATH}/contents/content/x.yaml`, { body });
    expect(limited.status).toBe(403);
    expect(limited.headers['retry-after']).toBe('3');
    expect(String(limited.json.message)).toMatch(/^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./);
    expect(String(limited.json.message)).toContain(String(limited.headers['x-github-request-id']));
    expect(limited.json.documentation_url).toBe('https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits');
    expect((await call(h.server, 'PUT', `${REPO_PATH}/contents/content/x.yaml`, { body })).status).toBe(201);
  });

  it('answers 429 with retry-after, 500, a spent primary limit, and glob patterns', async () => {
    await arm([
      { route: 'POST /repos/*/pulls', kind: '429', retryAfter: 7 },
      { route: '*', kind: '500' },
    ]);
    const pulls = await call(h.server, 'POST', `${REPO_PATH}/pulls`, { body: '{}' });
    expect([pulls.status, pulls.headers['retry-after']]).toEqual([429, '7']);
    const any = await call(h.server, 'GET', REPO_PATH);
    expect(any.status).toBe(500);
    expect(any.json).toMatchObject({ message: 'Server Error', status: '500' });
    await arm({ route: 'get-repo', kind: 'rate-limit' });
    const spent = await call(h.server, 'GET', REPO_PATH);
    expect([spent.status, spent.headers['x-ratelimit-remaining']]).toEqual([403, '0']);
    expect(spent.json.message).toBe('API rate limit exceeded for user ID 1.');
    expect((await call(h.server, 'GET', REPO_PATH)).status).toBe(200);
  });

  it('hangs for the given time, then answers normally', async () => {
    await arm({ route: 'get-repo', kind: 'hang', ms: 300 });
    const started = Date.now();
    expect((await call(h.server, 'GET', REPO_PATH)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('lists, clears and validates faults', async () => {
    await arm({ route: 'search-issues', kind: '502', times: 5 });
    expect((await admin('GET', '/_admin/faults')).json).toEqual([
      expect.objectContaining({ route: 'search-issues', kind: '502', times: 5 }),
    ]);
    expect((await admin('DELETE', '/_admin/faults')).status).toBe(204);
    expect((await admin('GET', '/_admin/faults')).json).toEqual([]);
    const bad = await arm({ route: '*', kind: 'explode' });
    expect(bad.status).toBe(422);
    expect(String(bad.json.message)).toMatch(/^Invalid fault: kind/);
    expect((await admin('POST', '/_admin/faults', '{oops')).status).toBe(400);
  });

  it('parses --fault options and matches patterns', () => {
    expect(parseFaultOption('kind=502,route=create-pull,times=2')).toEqual({ route: 'create-pull', kind: '502', times: 2, ms: 1000, retryAfter: 60 });
    expect(parseFaultOption('{"route":"*","kind":"hang","ms":50}')).toMatchObject({ kind: 'hang', ms: 50, times: 1 });
    expect(() => parseFaultOption('kind=boom,route=*')).toThrow();
    expect(faultMatches('GET /repos/{owner}/{repo}/contents/*', 'GET', null, '/repos/a/b/contents/x/y.yaml')).toBe(true);
    expect(faultMatches('PUT /repos/*', 'GET', null, '/repos/a/b')).toBe(false);
  });

  it('arms faults given at start', async () => {
    const started = await h.restart({ faults: [{ route: 'get-repo', kind: '502' }] });
    expect((await call(started, 'GET', REPO_PATH)).status).toBe(502);
    expect((await call(started, 'GET', REPO_PATH)).status).toBe(200);
  });
});
