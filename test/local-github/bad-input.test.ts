/**
 * Hostile and broken input: every refusal has GitHub's error shape (message, documentation_url,
 * status as a string), nothing outside the repository is touched, and the server keeps serving.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, call, git, OWNER, REPO, startHarness, type Harness, type RawAnswer } from './helpers.ts';

const REPO_PATH = `/repos/${OWNER}/${REPO}`;
let h: Harness;
let mainSha: string;

beforeAll(async () => {
  h = await startHarness();
  mainSha = (await git(h.server.repoPath, 'rev-parse', 'main')).trim();
});
afterAll(async () => {
  await h?.close();
});

function expectError(answer: RawAnswer, status: number, message?: string): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json).toMatchObject({ status: String(status), documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//) });
  expect(typeof answer.json.message).toBe('string');
  if (message !== undefined) expect(answer.json.message).toBe(message);
  expect(answer.headers['x-github-request-id']).toBeDefined();
}

const put = (path: string, body: unknown) =>
  call(h.server, 'PUT', `${REPO_PATH}/contents/${path}`, { body: JSON.stringify(body) });
const file = { message: 'm', content: base64('x: 1\n') };

describe('bad input', () => {
  it('answers malformed JSON with 400 "Problems parsing JSON"', async () => {
    const answer = await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: '{"ref": "refs/heads/x",' });
    expectError(answer, 400, 'Problems parsing JSON');
    expect(answer.json.documentation_url).toBe('https://docs.github.com/rest/git/refs#create-a-reference');
  });

  it('answers missing and mistyped fields with GitHub validation messages', async () => {
    expectError(await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: '{}' }), 422, 'Invalid request.\n\n"ref", "sha" weren\'t supplied.');
    expectError(await call(h.server, 'POST', `${REPO_PATH}/git/refs`), 422, 'Invalid request.\n\n"ref", "sha" weren\'t supplied.');
    expectError(await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: '"refs/heads/x"' }), 422, 'Invalid request.\n\n"refs/heads/x" is not an object.');
    expectError(await put('content/a.yaml', { content: base64('a') }), 422, 'Invalid request.\n\n"message" wasn\'t supplied.');
    expectError(await put('content/a.yaml', { message: 'm', content: 5 }), 422, "Invalid request.\n\nFor 'properties/content', 5 is not a string.");
    expectError(await put('content/a.yaml', { message: 'm', content: 'not base64!' }), 422, 'Invalid request.\n\ncontent is not valid Base64');
    expectError(await call(h.server, 'POST', `${REPO_PATH}/pulls`, { body: '{"head":"x","base":"main"}' }), 422, 'Validation Failed');
    expectError(await call(h.server, 'GET', `${REPO_PATH}/pulls?state=weird`), 422);
    expectError(await call(h.server, 'GET', '/search/issues'), 422, 'Validation Failed');
  });

  it('refuses path traversal, absolute paths, backslashes, control characters and .git in file paths', async () => {
    const hostile = [
      '../outside.txt',
      'content/../../outside.txt',
      '%2E%2E/outside.txt',
      'content%2F..%2F..%2Foutside.txt',
      '%2Fetc%2Fpasswd',
      '%2F%2Fetc/passwd',
      'content%5C..%5Coutside.txt',
      'content/a%00b.yaml',
      'content/a%0Ab.yaml',
      'content/a%1Fb.yaml',
      '.git/config',
      'content/.GIT/hooks/post-update',
      'content/.git./x',
      'content//double.yaml',
      'content/./dot.yaml',
    ];
    for (const path of hostile) {
      expectError(await put(path, file), 422);
      expect([404, 422], path).toContain((await call(h.server, 'GET', `${REPO_PATH}/contents/${path}`)).status);
    }
    expect(existsSync(join(h.dataDir, 'outside.txt'))).toBe(false);
    expect(existsSync(join(h.root, 'outside.txt'))).toBe(false);
    expect((await git(h.server.repoPath, 'rev-parse', 'main')).trim()).toBe(mainSha);
    expect(await git(h.server.repoPath, 'for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/tags')).toBe('refs/heads/main\n');
  });

  it('refuses ref names git would refuse, and refs outside heads/ and tags/', async () => {
    const refused = [
      'refs/heads/../../config',
      'refs/heads/a..b',
      'refs/heads/x\u0000y',
      'refs/heads/x\ny',
      'refs/heads/ space',
      'refs/heads/.hidden',
      'refs/heads/x.lock',
      'refs/heads/a\\b',
      'refs/heads/a@{1}',
      'refs/heads/trailing/',
      'refs/heads/trailing.',
      'refs/heads/x:y',
      'refs/pull/1/head',
      'refs/heads/refs/heads/main',
      'refs/heads/HEAD',
    ];
    for (const ref of refused) {
      expectError(await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: JSON.stringify({ ref, sha: mainSha }) }), 422);
    }
    expectError(
      await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: JSON.stringify({ ref: 'heads/x', sha: mainSha }) }),
      422,
      "Reference name must start with 'refs' and have at least two slashes.",
    );
    expectError(await call(h.server, 'POST', `${REPO_PATH}/git/refs`, { body: JSON.stringify({ ref: 'refs/heads/x', sha: 'f'.repeat(40) }) }), 422, 'Object does not exist');
    expectError(await call(h.server, 'GET', `${REPO_PATH}/git/ref/heads/..%2F..%2Fconfig`), 404, 'Not Found');
    expectError(await call(h.server, 'GET', `${REPO_PATH}/contents/content?ref=main~1`), 404);
    expectError(await put('content/a.yaml', { ...file, branch: '../main' }), 404, 'Branch ../main not found');
    expectError(await call(h.server, 'POST', `${REPO_PATH}/pulls`, { body: JSON.stringify({ title: 't', head: '../x', base: 'main' }) }), 422);
    expect(await git(h.server.repoPath, 'for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/tags')).toBe('refs/heads/main\n');
  });

  it('requires a token and answers unknown routes and repositories with 404', async () => {
    const noAuth = await call(h.server, 'GET', REPO_PATH, { headers: { authorization: '' } });
    expect(noAuth.status).toBe(401);
    expect(noAuth.json).toEqual({ message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expectError(await call(h.server, 'GET', REPO_PATH, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'Bad credentials');
    const unknown = await call(h.server, 'GET', '/nope/nothing');
    expect(unknown.json).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    expectError(await call(h.server, 'GET', '/repos/someone/else'), 404, 'Not Found');
    expectError(await call(h.server, 'DELETE', REPO_PATH), 404, 'Not Found');
    expectError(await call(h.server, 'GET', `${REPO_PATH}/pulls/0`), 404);
    expectError(await call(h.server, 'GET', `${REPO_PATH}/pulls/abc`), 404);
    expectError(await call(h.server, 'GET', `${REPO_PATH}/contents/%E0%A4%A`), 404);
    expectError(await call(h.server, 'GET', 'http://[bad'), 404);
    expect((await call(h.server, 'GET', `${REPO_PATH}/pulls?page=-1&per_page=abc`)).status).toBe(200);
  });

  it('refuses bodies over the limit and Host headers that are not loopback', async () => {
    const huge = Buffer.alloc(11 * 1024 * 1024, 0x61);
    expectError(await call(h.server, 'PUT', `${REPO_PATH}/contents/content/big.yaml`, { body: huge }), 413);
    expectError(await call(h.server, 'GET', REPO_PATH, { headers: { host: 'evil.example.com' } }), 403);
  });

  it('keeps serving after all of that', async () => {
    const answer = await call(h.server, 'GET', REPO_PATH);
    expect(answer.status).toBe(200);
    expect(answer.json.full_name).toBe(`${OWNER}/${REPO}`);
    await git(h.server.repoPath, 'fsck', '--strict');
  });
});

describe('tokens', () => {
  it('accepts only the configured tokens and acts as their login', async () => {
    const strict = await h.restart({ tokens: { 'alice-token': 'alice' } });
    expectError(await call(strict, 'GET', REPO_PATH, { headers: { authorization: 'token test-token' } }), 401, 'Bad credentials');
    expect((await call(strict, 'GET', REPO_PATH, { headers: { authorization: 'Bearer alice-token' } })).status).toBe(200);
    await call(strict, 'POST', `${REPO_PATH}/git/refs`, { headers: { authorization: 'token alice-token' }, body: JSON.stringify({ ref: 'refs/heads/alice', sha: mainSha }) });
    const created = await call(strict, 'PUT', `${REPO_PATH}/contents/content/alice.yaml`, {
      headers: { authorization: 'token alice-token' },
      body: JSON.stringify({ ...file, branch: 'alice' }),
    });
    expect(created.status).toBe(201);
    expect(created.json.commit).toMatchObject({ author: { name: 'alice' }, committer: { name: 'alice' } });
  });
});
