/**
 * Who is asking, without a server: dev mode only on the developer's own machine, and Access' signing
 * keys read from a local JWKS server whose keys, answers and fetch count each test controls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate } from '../../packages/platform-portal/src/http/auth.ts';
import type { AuthConfig } from '../../packages/platform-portal/src/http/edge-config.ts';
import { portalApi, type PagesContext } from '../../packages/platform-portal/src/functions/index.ts';
import portal from '../fixtures/basics/portal.config.ts';
import { problemOf } from '../helpers/problems.ts';

const DEV: AuthConfig = { AUTH_MODE: 'dev', DEV_USER_EMAIL: 'developer@example.com', DEV_USER_NAME: 'Local Developer' };

describe('AUTH_MODE=dev', () => {
  const env = {
    AUTH_MODE: 'dev',
    DEV_USER_EMAIL: 'developer@example.com',
    GITHUB_TOKEN: 'not-used',
    // Nothing listens there: a request that got past authentication would fail on GitHub, not with 503.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RETRY_BASE_MS: '0',
    GITHUB_TIMEOUT_MS: '100',
    ASSETS: { fetch: async () => new Response('not found', { status: 404 }) },
  };
  const call = (request: Request) => portalApi(portal)({ request, env, params: {} } satisfies PagesContext);

  it.each([
    ['GET', 'https://portal.example.com/api/requests'],
    ['POST', 'https://portal.example.com/api/requests/feedback'],
    ['GET', 'http://10.0.0.5:8788/api/requests'],
  ])('refuses %s %s with 503 naming AUTH_MODE, before anything else', async (method, url) => {
    const init = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '{}' } : { method };
    const response = await call(new Request(url, init));
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ type: '/api/problems/not-configured', errors: [{ path: 'AUTH_MODE' }] });
    expect(body.detail).toMatchInlineSnapshot(
      `"AUTH_MODE=dev only works when the site is opened on this machine (127.0.0.1, localhost or ::1); set AUTH_MODE=access for a deployed site."`,
    );
  });

  it.each(['http://127.0.0.1:8788/api/requests', 'http://localhost:8788/api/requests', 'http://[::1]:8788/api/requests'])('makes every request as the configured person on %s', async (url) => {
    expect(await authenticate(new Request(url), DEV)).toEqual({ email: 'developer@example.com', name: 'Local Developer' });
  });

  it.each([
    ['host', 'portal.example.com'],
    ['host', 'portal.example.com:443'],
    ['x-forwarded-host', 'portal.example.com'],
  ])('refuses a loopback URL whose %s header names %s (a tunnel or proxy to the dev server)', async (header, value) => {
    const problem = await problemOf(() => authenticate(new Request('http://127.0.0.1:8788/api/requests', { headers: { [header]: value } }), DEV));
    expect(problem?.type).toBe('not-configured');
  });

  it('takes a loopback Host header with a port', async () => {
    const request = new Request('http://localhost:8788/api/requests', { headers: { host: 'localhost:8788' } });
    expect((await authenticate(request, DEV)).email).toBe('developer@example.com');
  });
});

describe("Access' signing keys", () => {
  const TEAM = 'keys-team.cloudflareaccess.com';
  const AUD = 'c'.repeat(64);
  let server: http.Server;
  let base: string;
  let first: { privateKey: CryptoKey; jwk: JWK };
  let second: { privateKey: CryptoKey; jwk: JWK };
  /** Per path (one per test, so the per-isolate cache starts empty): what is served and how often it was asked. */
  const served = new Map<string, { keys: JWK[]; status: number; fetches: number }>();

  async function pair(kid: string) {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
  }

  beforeAll(async () => {
    [first, second] = await Promise.all([pair('key-1'), pair('key-2')]);
    server = http.createServer((req, res) => {
      const entry = served.get(req.url ?? '');
      if (!entry) return void res.writeHead(404).end();
      entry.fetches += 1;
      if (entry.status !== 200) return void res.writeHead(entry.status).end('down');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: entry.keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());
  afterEach(() => vi.useRealTimers());

  /** A JWKS endpoint of its own; the returned config points authenticate() at it. */
  function keysAt(name: string, keys: JWK[]) {
    const path = `/${name}/certs`;
    const entry = { keys, status: 200, fetches: 0 };
    served.set(path, entry);
    const auth: AuthConfig = { AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_JWKS_URL: `${base}${path}` };
    return { entry, auth };
  }

  function token(key: CryptoKey, kid: string): Promise<string> {
    return new SignJWT({ email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(`https://${TEAM}`)
      .setAudience(AUD)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  }

  const asking = (jwt: string) => new Request('https://portal.example.com/api/requests', { headers: { 'cf-access-jwt-assertion': jwt } });

  /** Moves the clock (Date only: the JWKS server's sockets keep real timers). */
  function later(ms: number) {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    vi.setSystemTime(Date.now() + ms);
  }

  it('keeps the last good keys when a refetch fails', async () => {
    const { entry, auth } = keysAt('refetch-fails', [first.jwk]);
    expect((await authenticate(asking(await token(first.privateKey, 'key-1')), auth)).email).toBe('ada@example.com');
    entry.status = 503;
    later(11 * 60_000); // past the ten minutes the keys are kept for
    expect((await authenticate(asking(await token(first.privateKey, 'key-1')), auth)).email).toBe('ada@example.com');
    expect(entry.fetches).toBe(2);
    // The failed refetch waits out the cooldown: no fetch per request while Access does not answer.
    expect((await authenticate(asking(await token(first.privateKey, 'key-1')), auth)).email).toBe('ada@example.com');
    expect(entry.fetches).toBe(2);
  });

  it('refetches for an unknown kid at most once per cooldown, and answers 401 in words', async () => {
    const { entry, auth } = keysAt('unknown-kid-flood', [first.jwk]);
    await authenticate(asking(await token(first.privateKey, 'key-1')), auth);
    later(61_000);
    const problems = [];
    for (let i = 0; i < 20; i++) problems.push(await problemOf(async () => authenticate(asking(await token(second.privateKey, `random-${i}`)), auth)));
    expect(entry.fetches).toBe(2);
    expect(problems.map((p) => p?.type)).toEqual(Array(20).fill('unauthenticated'));
    expect(problems[0]?.message).toMatchInlineSnapshot(
      `"The Access token is signed with a key that Access does not list; sign in again, or wait a minute if Access has just changed its keys."`,
    );
  });

  it('accepts a token signed by a key Access has rotated to, by refetching once', async () => {
    const { entry, auth } = keysAt('rotation', [first.jwk]);
    await authenticate(asking(await token(first.privateKey, 'key-1')), auth);
    entry.keys = [first.jwk, second.jwk];
    later(61_000);
    expect((await authenticate(asking(await token(second.privateKey, 'key-2')), auth)).email).toBe('ada@example.com');
    expect((await authenticate(asking(await token(second.privateKey, 'key-2')), auth)).email).toBe('ada@example.com');
    expect(entry.fetches).toBe(2);
  });

  it('says so when the keys could not be read at all, and asks again only after the cooldown', async () => {
    const { entry, auth } = keysAt('never-read', [first.jwk]);
    entry.status = 500;
    const problem = await problemOf(async () => authenticate(asking(await token(first.privateKey, 'key-1')), auth));
    expect(problem?.type).toBe('unauthenticated');
    expect(problem?.message).toMatch(/^The portal could not read Access' signing keys \(.*answered 500\); try again in a minute\.$/);
    await problemOf(async () => authenticate(asking(await token(first.privateKey, 'key-1')), auth));
    expect(entry.fetches).toBe(1);
    entry.status = 200;
    later(61_000);
    expect((await authenticate(asking(await token(first.privateKey, 'key-1')), auth)).email).toBe('ada@example.com');
    expect(entry.fetches).toBe(2);
  });
});
