/**
 * The ids in pull requests, as the functions make them in wrangler: keyed with PORTAL_ID_SECRET
 * (the test stack, like `platform-portal start`, gives them the public development secret), and
 * refused in access mode without a secret of their own. The same cases without wrangler, and the
 * pull requests of other logins, are in test/unit/request-identity.test.ts.
 */
import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { DEV_ID_SECRET } from '../../packages/platform-portal/src/http/ids.ts';
import { parseMarker } from '../../packages/platform-portal/src/requests/marker.ts';

const EMAIL = 'developer@example.com';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: TestStack;
let access: TestStack;
beforeAll(async () => {
  [stack, access] = await Promise.all([
    startTestStack(),
    // No secret of its own: the development secret the stack binds is dropped.
    startTestStack({ AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: 'acme.cloudflareaccess.com', ACCESS_AUD: 'a'.repeat(64), PORTAL_ID_SECRET: '' }),
  ]);
});
afterAll(async () => {
  await Promise.all([stack?.stop(), access?.stop()]);
});

describe('the ids in a feedback pull request', () => {
  it('are keyed with the secret: the marker holds no SHA-256 of the address, and My requests finds the pull request by it', async () => {
    const answer = await stack.post('feedback', { page: '/guides/kafka-quickstart/', rating: 4, category: 'docs', message: 'Who sent this?' }, { 'idempotency-key': 'identity-wrangler-1' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const { data: pull } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: answer.body.pullRequest.number });
    const marker = parseMarker(pull.body)!;
    expect(marker.requester).toBe(createHmac('sha256', DEV_ID_SECRET).update(`requester:${EMAIL}`).digest('hex').slice(0, 32));
    for (const plain of [sha256(`requester:${EMAIL}`), sha256(EMAIL)]) expect(pull.body).not.toContain(plain.slice(0, 16));

    const list = await (await fetch(`${stack.siteUrl}/api/requests`)).json();
    expect(list.requests.map((r: { pullRequest: { number: number } }) => r.pullRequest.number)).toContain(pull.number);
  });
});

describe('access mode without PORTAL_ID_SECRET', () => {
  it.each([
    ['POST', '/api/requests/feedback'],
    ['GET', '/api/requests'],
  ])('answers %s %s with 503 naming PORTAL_ID_SECRET, before anything else', async (method, path) => {
    const init = method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page: '/guides/kafka-quickstart/', rating: 4, category: 'docs' }) } : { method };
    const response = await fetch(`${access.siteUrl}${path}`, init);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ type: '/api/problems/not-configured', errors: [{ path: 'PORTAL_ID_SECRET' }] });
    expect(body.detail).toContain('openssl rand -hex 32');
    expect(await access.openPulls()).toEqual([]);
  });
});
