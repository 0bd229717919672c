/**
 * The portal as a GitHub App: the private key checked when the configuration is read (a Worker's
 * WebCrypto reads PKCS#8 only), and installation tokens minted once per isolate, not per request.
 * A local server stands in for GitHub's two endpoints involved.
 */
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGitHub } from '../../packages/platform-portal/src/github/client.ts';
import { gitHubConfigFromEnv } from '../../packages/platform-portal/src/github/config.ts';
import { edgeConfig } from '../../packages/platform-portal/src/http/edge-config.ts';
import { HttpProblem } from '../../packages/platform-portal/src/http/problems.ts';
import portal from '../fixtures/basics/portal.config.ts';

const rsa = (type: 'pkcs1' | 'pkcs8') =>
  generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type, format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
const PKCS8 = rsa('pkcs8');
const PKCS1 = rsa('pkcs1');

const appEnv = (key: string, more: Record<string, string> = {}) => ({
  GITHUB_REPOSITORY: 'acme/portal',
  GITHUB_BASE_BRANCH: 'main',
  GITHUB_APP_ID: '123',
  GITHUB_APP_PRIVATE_KEY: key,
  GITHUB_APP_INSTALLATION_ID: '42',
  ...more,
});

/** The 503 edgeConfig answers for this key, or undefined. */
function refusal(key: string): HttpProblem | undefined {
  try {
    edgeConfig({ AUTH_MODE: 'dev', DEV_USER_EMAIL: 'dev@example.com', ...appEnv(key) }, portal);
    return undefined;
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
}

describe('GITHUB_APP_PRIVATE_KEY', () => {
  it('takes a PKCS#8 key, also with its line breaks written as \\n', () => {
    expect(refusal(PKCS8)).toBeUndefined();
    expect(refusal(PKCS8.trim().replaceAll('\n', '\\n'))).toBeUndefined();
    expect(gitHubConfigFromEnv(appEnv(PKCS8.trim().replaceAll('\n', '\\n'))).auth).toMatchObject({ kind: 'app', privateKey: PKCS8.trim() });
  });

  it('refuses a PKCS#1 key at configuration with 503, saying how to convert it', () => {
    const problem = refusal(PKCS1);
    expect(problem?.type).toBe('not-configured');
    expect(problem?.extra.errors).toMatchInlineSnapshot(`
      [
        {
          "message": "the key is PKCS#1 (-----BEGIN RSA PRIVATE KEY-----, as GitHub hands it out), which Workers cannot read; convert it to PKCS#8 with \`openssl pkcs8 -topk8 -nocrypt -in app.pem -out app-pkcs8.pem\` and set the new file's text",
          "path": "GITHUB_APP_PRIVATE_KEY",
        },
      ]
    `);
  });

  it.each([
    ['an OpenSSH key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'],
    ['an encrypted key', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n'],
    ['a truncated key', PKCS8.slice(0, 400) + '\n-----END PRIVATE KEY-----\n'],
    ['a key whose base64 is damaged', PKCS8.replace(/\n(.)(.)/, '\n$1!')],
    ['an EC key', generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey],
    ['only the first line', '-----BEGIN PRIVATE KEY-----'],
  ])('refuses %s at configuration, naming the variable', (_name, key) => {
    const problem = refusal(key);
    expect(problem?.type).toBe('not-configured');
    expect((problem?.extra.errors as { path: string }[]).map((e) => e.path)).toEqual(['GITHUB_APP_PRIVATE_KEY']);
  });
});

describe('installation tokens', () => {
  let server: http.Server;
  let apiUrl: string;
  const minted: { installation: string; appId: unknown }[] = [];
  let lifetimeMs = 3_600_000;
  let serial = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const send = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const auth = req.headers.authorization ?? '';
      const mint = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(req.url ?? '');
      if (req.method === 'POST' && mint) {
        minted.push({ installation: mint[1]!, appId: decodeJwt(auth.replace(/^bearer /i, '')).iss });
        return send(201, { token: `ghs_${++serial}`, expires_at: new Date(Date.now() + lifetimeMs).toISOString(), permissions: { contents: 'write' }, repository_selection: 'selected' });
      }
      if (req.method === 'GET' && req.url === '/repos/acme/portal') {
        return /^token ghs_\d+$/.test(auth) ? send(200, { full_name: 'acme/portal', token: auth.slice(6) }) : send(401, { message: 'Bad credentials' });
      }
      return send(404, { message: 'Not Found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());
  afterEach(() => {
    vi.useRealTimers();
    minted.length = 0;
    lifetimeMs = 3_600_000;
  });

  /** One request's worth of work: a new client from the configuration, one call. */
  async function oneRequest(env: Record<string, string>): Promise<string> {
    const gh = createGitHub(gitHubConfigFromEnv({ ...appEnv(PKCS8), GITHUB_API_URL: apiUrl, GITHUB_RETRY_BASE_MS: '0', ...env }));
    return ((await gh.rest.repos.get({ owner: 'acme', repo: 'portal' })).data as unknown as { token: string }).token;
  }

  it('mints one token for many requests of one isolate, per app and installation', async () => {
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7001' }));
    expect(new Set(tokens).size).toBe(1);
    expect(minted).toEqual([{ installation: '7001', appId: '123' }]);
    await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7002' });
    await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7001', GITHUB_APP_ID: '456' });
    expect(minted).toEqual([
      { installation: '7001', appId: '123' },
      { installation: '7002', appId: '123' },
      { installation: '7001', appId: '456' },
    ]);
  });

  it('mints a new token shortly before the cached one expires', async () => {
    lifetimeMs = 10 * 60_000;
    const first = await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7003' });
    expect(await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7003' })).toBe(first);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    vi.setSystemTime(Date.now() + 6 * 60_000); // four minutes left: too little for a request's retries
    const second = await oneRequest({ GITHUB_APP_INSTALLATION_ID: '7003' });
    expect(second).not.toBe(first);
    expect(minted.map((m) => m.installation)).toEqual(['7003', '7003']);
  });
});
