/**
 * Who a request pull request stands for, and who opened it. The ids that stand for a person and a
 * submission in a pull request are keyed with PORTAL_ID_SECRET (HMAC-SHA-256): without the secret,
 * a list of addresses tells nobody who sent which feedback. And only pull requests the portal's own
 * GitHub login opened are requests: a marker copied into anyone else's pull request is neither on
 * My requests nor in the scorecard. The functions run here without wrangler, on a local GitHub
 * that knows several logins, one token each.
 */
import { createHash, createHmac, generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Octokit } from '../helpers/octokit.ts';
import { adminFetch, octokitFor, OWNER, REPO, startHarness, type Harness } from '../local-github/helpers.ts';
import { GitHubSchemas } from '../local-github/openapi.ts';
import { DEV_ID_SECRET, requesterHash, submissionId } from '../../packages/platform-portal/src/http/ids.ts';
import { edgeConfig } from '../../packages/platform-portal/src/http/edge-config.ts';
import { HttpProblem, problemResponse } from '../../packages/platform-portal/src/http/problems.ts';
import { portalApi, type PagesContext } from '../../packages/platform-portal/src/functions/index.ts';
import { readRequestHistory } from '../../packages/platform-portal/src/github/request-history.ts';
import { portalLogin } from '../../packages/platform-portal/src/github/portal-login.ts';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';
import { gitHubConfigFromEnv } from '../../packages/platform-portal/src/github/config.ts';
import { formatMarker, parseMarker } from '../../packages/platform-portal/src/requests/marker.ts';
import portal from '../fixtures/basics/portal.config.ts';

const SECRET = 'test-secret-of-the-portal-0123456789abcdef';
const OTHER_SECRET = 'another-deployment-secret-0123456789abcdef';
const EMAIL = 'ada@example.com';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

describe('the ids that stand for a person and a submission', () => {
  it('keys the requester hash with the secret: stable for one secret and address, different for another secret or address', async () => {
    const hash = await requesterHash(SECRET, EMAIL);
    expect(await requesterHash(SECRET, ' Ada@Example.com ')).toBe(hash);
    expect(await requesterHash(OTHER_SECRET, EMAIL)).not.toBe(hash);
    expect(await requesterHash(SECRET, 'bob@example.com')).not.toBe(hash);
    expect(hash).toBe(hmac(SECRET, `requester:${EMAIL}`).slice(0, 32));
    // What anyone could compute from a list of addresses: before, the marker held exactly this.
    expect(hash).not.toBe(sha256(`requester:${EMAIL}`).slice(0, 32));
  });

  it('keys submission ids with the secret, with an Idempotency-Key and without: a guessed content cannot be confirmed', async () => {
    const requester = await requesterHash(SECRET, EMAIL);
    const request = { page: '/guides/kafka-quickstart/', rating: 2, category: 'docs', message: 'Too short.' };
    const keyless = await submissionId(SECRET, { type: 'feedback', requester, key: null, request });
    // The same request in another key order is the same submission.
    expect(await submissionId(SECRET, { type: 'feedback', requester, key: null, request: { message: 'Too short.', category: 'docs', rating: 2, page: '/guides/kafka-quickstart/' } })).toBe(keyless);
    expect(await submissionId(SECRET, { type: 'feedback', requester, key: null, request: { ...request, rating: 3 } })).not.toBe(keyless);
    expect(await submissionId(OTHER_SECRET, { type: 'feedback', requester, key: null, request })).not.toBe(keyless);
    // A file name of the rolling feedback pull request is this id's first 16 characters; before,
    // anyone holding an address and the file's content could recompute it.
    const canonical = '{"category":"docs","message":"Too short.","page":"/guides/kafka-quickstart/","rating":2}';
    expect(keyless.slice(0, 16)).not.toBe(sha256(`feedback:${requester}:content:${canonical}`).slice(0, 16));
    expect(keyless).toBe(hmac(SECRET, `submission:feedback:${requester}:content:${canonical}`).slice(0, 32));

    const keyed = await submissionId(SECRET, { type: 'feedback', requester, key: 'key-0123456789', request });
    expect(await submissionId(SECRET, { type: 'feedback', requester, key: 'key-0123456789', request: { ...request, rating: 5 } })).toBe(keyed);
    expect(await submissionId(OTHER_SECRET, { type: 'feedback', requester, key: 'key-0123456789', request })).not.toBe(keyed);
    expect(keyed).not.toBe(keyless);
  });
});

describe('PORTAL_ID_SECRET', () => {
  // With the rate limits Worker bound, which access mode requires too (test/unit/rate-limits.test.ts).
  const PORTAL_RATE_LIMITS = { fetch: async () => Response.json({ success: true }) };
  const access = { AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: 'acme.cloudflareaccess.com', ACCESS_AUD: 'a'.repeat(64), GITHUB_TOKEN: 'a-token', PORTAL_RATE_LIMITS };

  /** The problem edgeConfig throws for this environment, or undefined. */
  function refusal(env: Record<string, unknown>): HttpProblem | undefined {
    try {
      edgeConfig(env, portal);
      return undefined;
    } catch (error) {
      if (error instanceof HttpProblem) return error;
      throw error;
    }
  }

  it.each([
    ['missing', {}],
    ['empty', { PORTAL_ID_SECRET: '' }],
    ['shorter than 32 bytes', { PORTAL_ID_SECRET: 'x'.repeat(31) }],
    ['the public development secret', { PORTAL_ID_SECRET: DEV_ID_SECRET }],
  ])('is a 503 naming PORTAL_ID_SECRET in access mode when %s', (_case, more) => {
    const problem = refusal({ ...access, ...more });
    expect(problem?.type).toBe('not-configured');
    expect(problemResponse(problem!).status).toBe(503);
    expect((problem!.extra.errors as { path: string }[]).map((e) => e.path)).toEqual(['PORTAL_ID_SECRET']);
    expect(problem!.message).toMatch(/^Fix the environment of the functions: PORTAL_ID_SECRET: /);
  });

  it('says what to set, in words', () => {
    expect([refusal(access), refusal({ ...access, PORTAL_ID_SECRET: 'short' }), refusal({ ...access, PORTAL_ID_SECRET: DEV_ID_SECRET })].map((p) => p?.message)).toMatchInlineSnapshot(`
      [
        "Fix the environment of the functions: PORTAL_ID_SECRET: set a random secret of at least 32 bytes, e.g. the output of \`openssl rand -hex 32\`: it keys the ids that stand for people and submissions in pull requests.",
        "Fix the environment of the functions: PORTAL_ID_SECRET: use at least 32 bytes, e.g. the output of \`openssl rand -hex 32\`.",
        "Fix the environment of the functions: PORTAL_ID_SECRET: this is the development secret, which is public; set a random one, e.g. the output of \`openssl rand -hex 32\`.",
      ]
    `);
  });

  it('counts bytes, not characters, and takes 32 of them', () => {
    expect(refusal({ ...access, PORTAL_ID_SECRET: '€'.repeat(10) })?.type).toBe('not-configured'); // 30 bytes
    expect(edgeConfig({ ...access, PORTAL_ID_SECRET: '€'.repeat(11) }, portal).idSecret).toBe('€'.repeat(11)); // 33 bytes
    expect(edgeConfig({ ...access, PORTAL_ID_SECRET: 'x'.repeat(32) }, portal).idSecret).toBe('x'.repeat(32));
  });

  it('falls back to the fixed development secret in dev mode, and takes a set one', () => {
    const dev = { AUTH_MODE: 'dev', DEV_USER_EMAIL: EMAIL, GITHUB_TOKEN: 'a-token' };
    expect(edgeConfig(dev, portal).idSecret).toBe(DEV_ID_SECRET);
    expect(edgeConfig({ ...dev, PORTAL_ID_SECRET: SECRET }, portal).idSecret).toBe(SECRET);
  });
});

/** Logins of the local GitHub, one token each. */
const TOKENS = {
  'test-token': 'portal-bot',
  'portal-token': 'portal-bot',
  'intruder-token': 'mallory',
  'lookalike-token': 'portal-bot-2',
  'app-lookalike-token': 'portal-bot[bot]',
  'actions-token': 'github-actions[bot]',
};

describe('request pull requests opened by anyone but the portal', () => {
  let harness: Harness;
  const catalog = { services: {} };
  const ASSETS = {
    async fetch(input: Request | string | URL) {
      const { pathname } = new URL(input instanceof Request ? input.url : input);
      return pathname === '/catalog.json' ? Response.json(catalog) : new Response('not found', { status: 404 });
    },
  };
  const env = (more: Record<string, string> = {}) => ({
    ASSETS,
    AUTH_MODE: 'dev',
    DEV_USER_EMAIL: EMAIL,
    PORTAL_ID_SECRET: SECRET,
    GITHUB_API_URL: harness.server.apiUrl,
    GITHUB_TOKEN: 'portal-token',
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_BASE_BRANCH: 'main',
    GITHUB_WRITE_INTERVAL_MS: '0',
    GITHUB_RETRY_BASE_MS: '1',
    ...more,
  });
  const api = (request: Request, more?: Record<string, string>) => portalApi(portal)({ request, env: env(more), params: {} } satisfies PagesContext);
  const post = async (type: string, body: unknown, key: string) =>
    (await api(new Request(`http://127.0.0.1:8788/api/requests/${type}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) }))).json();
  const myRequests = async (more?: Record<string, string>) => {
    const response = await api(new Request('http://127.0.0.1:8788/api/requests'), more);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()).requests as { pullRequest: { number: number } }[];
  };

  /** A pull request opened with `octokit` whose body is `body`, from a new branch. */
  async function openWith(octokit: Octokit, branch: string, body: string): Promise<number> {
    const { data: main } = await harness.octokit.rest.git.getRef({ owner: OWNER, repo: REPO, ref: 'heads/main' });
    await harness.octokit.rest.git.createRef({ owner: OWNER, repo: REPO, ref: `refs/heads/${branch}`, sha: main.object.sha });
    await harness.octokit.rest.repos.createOrUpdateFileContents({ owner: OWNER, repo: REPO, branch, path: `notes/${branch.replaceAll('/', '-')}.md`, message: branch, content: btoa(`${branch}\n`) });
    return (await octokit.rest.pulls.create({ owner: OWNER, repo: REPO, head: branch, base: 'main', title: `Copy on ${branch}`, body })).data.number;
  }

  let portalPull: number;
  let portalBody: string;
  const forged: Record<string, number> = {};

  beforeAll(async () => {
    harness = await startHarness(undefined, { tokens: TOKENS });
    const answer = await post('feedback', { page: '/guides/kafka-quickstart/', rating: 2, category: 'docs', message: 'Anonymous, I hope.' }, 'identity-feedback-1');
    portalPull = answer.pullRequest.number;
    portalBody = (await harness.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: portalPull })).data.body ?? '';
    for (const [token, name] of [['intruder-token', 'mallory'], ['lookalike-token', 'lookalike'], ['app-lookalike-token', 'app-lookalike']] as const) {
      forged[name] = await openWith(octokitFor(harness.server, undefined, token), `forged/${name}`, `Looks like a request.\n\n${formatMarker(parseMarker(portalBody)!)}`);
    }
  });
  afterAll(() => harness?.close());

  it('opens the feedback pull request as the portal, with a marker that holds no SHA-256 of the address', async () => {
    const { data: pull } = await harness.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: portalPull });
    expect(pull.user.login).toBe('portal-bot');
    const marker = parseMarker(portalBody)!;
    expect(marker.requester).toBe(hmac(SECRET, `requester:${EMAIL}`).slice(0, 32));
    for (const plain of [sha256(`requester:${EMAIL}`), sha256(EMAIL)]) {
      expect(portalBody).not.toContain(plain.slice(0, 16));
      expect(marker.requester).not.toBe(plain.slice(0, 32));
    }
    // The commit message and the file name carry the submission id: keyed too.
    const files = (await harness.octokit.rest.pulls.listFiles({ owner: OWNER, repo: REPO, pull_number: portalPull })).data;
    expect(files.map((f) => f.filename.split('/').at(-1))).toEqual([`${marker.id.slice(0, 16)}.yaml`]);
  });

  it('lists on My requests only the pull request the portal opened, not the copies of its marker', async () => {
    expect(Object.values(forged)).toHaveLength(3);
    expect((await myRequests()).map((r) => r.pullRequest.number)).toEqual([portalPull]);
  });

  it('finds nothing under another secret: the hash in the marker is not the same', async () => {
    expect(await myRequests({ PORTAL_ID_SECRET: OTHER_SECRET })).toEqual([]);
  });

  it('counts in the scorecard only the pull request the portal opened, learning its login from the build token', async () => {
    const since = new Date('2000-01-01T00:00:00Z');
    const base = { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_BASE_BRANCH: 'main', GITHUB_API_URL: harness.server.apiUrl, GITHUB_RETRY_BASE_MS: '1' };
    const history = await readRequestHistory({ ...base, GITHUB_TOKEN: 'portal-token' }, since);
    expect(history).toMatchObject({ status: 'ok', author: 'portal-bot' });
    expect(history.status === 'ok' && history.pulls.map((p) => p.number)).toEqual([portalPull]);

    // GitHub Actions' token is an app installation's: GitHub does not tell it a user; the build is
    // told the portal's login instead, or says its request figures are unavailable and why.
    const unknown = await readRequestHistory({ ...base, GITHUB_TOKEN: 'actions-token' }, since);
    expect(unknown).toMatchObject({ status: 'unavailable' });
    expect(unknown.status === 'unavailable' && unknown.error).toMatch(/PORTAL_GITHUB_LOGIN/);
    const told = await readRequestHistory({ ...base, GITHUB_TOKEN: 'actions-token', PORTAL_GITHUB_LOGIN: 'portal-bot' }, since);
    expect(told.status === 'ok' && told.pulls.map((p) => p.number)).toEqual([portalPull]);
    await expect(readRequestHistory({ ...base, GITHUB_TOKEN: 'actions-token', PORTAL_GITHUB_LOGIN: 'no spaces allowed' }, since)).rejects.toThrow(/PORTAL_GITHUB_LOGIN/);
  });

  it("has the local GitHub answer GET /user as GitHub does: the token's user, and 403 to an app installation's token", async () => {
    const schemas = new GitHubSchemas();
    const { data: user } = await octokitFor(harness.server, schemas, 'portal-token').rest.users.getAuthenticated();
    expect(user.login).toBe('portal-bot');
    expect([...schemas.validated]).toEqual(['GET /user 200']);
    await expect(octokitFor(harness.server, undefined, 'actions-token').rest.users.getAuthenticated()).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/^Resource not accessible by integration/) });
  });

  it('asks GitHub for its login once per isolate, not once per request', async () => {
    await adminFetch(harness.server, 'stats/reset', { method: 'POST' });
    // No list kept between the calls: each one lists from GitHub, and only the login is learned once.
    const uncached = { GITHUB_TOKEN: 'test-token', PORTAL_LIST_CACHE_SECONDS: '0' };
    await myRequests(uncached);
    await myRequests(uncached);
    await myRequests(uncached);
    const stats = (await (await adminFetch(harness.server, 'stats')).json()) as { byName: Record<string, number> };
    expect(stats.byName['get-authenticated-user']).toBe(1);
    expect(stats.byName['search-issues']).toBe(3);
  });
});

describe('the login of a GitHub App', () => {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  let server: http.Server;
  let apiUrl: string;
  const calls: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      calls.push(`${req.method} ${req.url} ${(req.headers.authorization ?? '').split(' ')[0]!.toLowerCase()}`);
      const send = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/app') return send(200, { id: 123, slug: 'nimbus-portal', name: 'Nimbus Portal' });
      return send(404, { message: 'Not Found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  it("is the app's bot, <slug>[bot], read once from GET /app with the app's JWT", async () => {
    const config = gitHubConfigFromEnv({
      GITHUB_REPOSITORY: 'acme/portal',
      GITHUB_BASE_BRANCH: 'main',
      GITHUB_API_URL: apiUrl,
      GITHUB_APP_ID: '123',
      GITHUB_APP_PRIVATE_KEY: key,
      GITHUB_APP_INSTALLATION_ID: '42',
    });
    expect(await portalLogin({ gh: createGitHub(config), config })).toBe('nimbus-portal[bot]');
    expect(await portalLogin({ gh: createGitHub(config), config })).toBe('nimbus-portal[bot]');
    expect(calls).toEqual(['GET /app bearer']);
  });
});
