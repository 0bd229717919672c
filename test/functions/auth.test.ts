import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { startTestStack, type TestStack } from '../helpers/stack.ts';

const TEAM = 'test-team.cloudflareaccess.com';
const AUD = 'a'.repeat(64);
const feedback = { area: 'kafka', rating: 4, category: 'service', message: 'Fine.' };

let keys: http.Server;
let stack: TestStack;
let signingKey: CryptoKey;
let otherKey: CryptoKey;

async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; aud?: string; iss?: string; exp?: string | number } = {}) {
  return new SignJWT({ email: 'ada@example.com', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'access-key-1' })
    .setIssuer(options.iss ?? `https://${TEAM}`)
    .setAudience(options.aud ?? AUD)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(options.key ?? signingKey);
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'access-key-1', alg: 'RS256', use: 'sig' };
  keys = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
  const { port } = keys.address() as AddressInfo;
  stack = await startTestStack({ AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_JWKS_URL: `http://127.0.0.1:${port}/certs`, PORTAL_ID_SECRET: 'access-test-secret-0123456789abcdef' });
});
afterAll(async () => {
  await stack?.stop();
  keys?.close();
});

describe('Cloudflare Access', () => {
  it('accepts a valid token and records who asked', async () => {
    const response = await stack.post('feedback', feedback, { 'cf-access-jwt-assertion': await token() });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const list = await fetch(`${stack.siteUrl}/api/requests`, { headers: { 'cf-access-jwt-assertion': await token() } });
    expect((await list.json()).requester).toBe('ada@example.com');
  });

  it.each([
    ['no token', async () => undefined],
    ['a token signed by another key', async () => token({}, { key: otherKey })],
    ['an expired token', async () => token({}, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['a token for another application', async () => token({}, { aud: 'b'.repeat(64) })],
    ['a token from another team', async () => token({}, { iss: 'https://evil.cloudflareaccess.com' })],
    ['an unsigned token', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ email: 'ada@example.com', aud: AUD, iss: `https://${TEAM}` })).toString('base64url')}.`],
    ['a token without an email', async () => token({ email: undefined })],
  ])('refuses %s with 401 and opens nothing', async (_name, make) => {
    const before = (await stack.openPulls()).length;
    const jwt = await make();
    const response = await stack.post('feedback', feedback, jwt ? { 'cf-access-jwt-assertion': jwt } : {});
    expect(response.status).toBe(401);
    expect(response.body.type).toBe('/api/problems/unauthenticated');
    expect((await stack.openPulls()).length).toBe(before);
  });
});
