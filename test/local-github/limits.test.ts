/**
 * GitHub's limits, as the local GitHub must answer them so that the portal's tests meet them:
 * a pull request's title and body (422 "Validation Failed" with GitHub's own error item), and
 * files over 1 MB (the contents API sends them without content; the git blob API sends them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, REPO, startHarness, type Harness } from './helpers.ts';
import { GitHubSchemas } from './openapi.ts';

const schemas = new GitHubSchemas();
const repo = { owner: OWNER, repo: REPO };

let h: Harness;
let mainSha: string;
beforeAll(async () => {
  h = await startHarness(schemas);
  mainSha = (await h.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
});
afterAll(async () => {
  await h?.close();
});

async function failure(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { status: number; response: { data: Record<string, unknown> } };
    return { status: failed.status, data: failed.response.data };
  }
  throw new Error('expected the call to fail');
}

let branches = 0;
/** A branch with one commit of its own, ready for a pull request. */
async function branchWithCommit(): Promise<string> {
  const branch = `limits-${++branches}`;
  await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: mainSha });
  await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, branch, path: `content/limits/${branch}.txt`, message: 'A file', content: Buffer.from(branch).toString('base64') });
  return branch;
}

/** GitHub's answer to a text over its limit: renovatebot/renovate#2032, googleapis/repo-automation-bots#1895. */
const tooLong = (field: 'title' | 'body', maximum: number) => ({
  message: 'Validation Failed',
  errors: [{ resource: 'Issue', code: 'custom', field, message: `${field} is too long (maximum is ${maximum} characters)` }],
  documentation_url: expect.stringContaining('docs.github.com/rest/pulls/pulls'),
  status: '422',
});

describe('pull request texts at GitHub limits', () => {
  it('takes a body of 65,536 characters and refuses 65,537, as GitHub does, on open and on update', async () => {
    const over = await failure(h.octokit.rest.pulls.create({ ...repo, head: await branchWithCommit(), base: 'main', title: 'Too long', body: 'x'.repeat(65_537) }));
    expect(over).toEqual({ status: 422, data: tooLong('body', 65_536) });

    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, head: await branchWithCommit(), base: 'main', title: 'At the limit', body: 'x'.repeat(65_536) });
    expect(pull.body).toHaveLength(65_536);
    const update = await failure(h.octokit.rest.pulls.update({ ...repo, pull_number: pull.number, body: `${'y'.repeat(90_000)}` }));
    expect(update).toEqual({ status: 422, data: tooLong('body', 65_536) });
    expect((await h.octokit.rest.pulls.get({ ...repo, pull_number: pull.number })).data.body).toBe('x'.repeat(65_536));
  });

  it('counts characters, not bytes or UTF-16 units: 65,536 emoji fit', async () => {
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, head: await branchWithCommit(), base: 'main', title: 'Emoji', body: '🙂'.repeat(65_536) });
    expect([...(pull.body ?? '')]).toHaveLength(65_536);
  });

  it('takes a title of 256 characters and refuses 257', async () => {
    const over = await failure(h.octokit.rest.pulls.create({ ...repo, head: await branchWithCommit(), base: 'main', title: 't'.repeat(257) }));
    expect(over).toEqual({ status: 422, data: tooLong('title', 256) });
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, head: await branchWithCommit(), base: 'main', title: 't'.repeat(256) });
    expect(pull.title).toHaveLength(256);
    expect(await failure(h.octokit.rest.pulls.update({ ...repo, pull_number: pull.number, title: 'u'.repeat(300) }))).toEqual({ status: 422, data: tooLong('title', 256) });
  });
});

describe('files over 1 MB', () => {
  const path = 'content/usage/large.json';
  const text = `${'["2026-01-01", 12345.678],\n'.repeat(60_000)}ü`;
  let blobSha: string;

  beforeAll(async () => {
    const { data } = await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, message: 'A large file', content: Buffer.from(text).toString('base64') });
    blobSha = data.content!.sha!;
  });

  it('come from the contents API without content, with encoding "none"', async () => {
    const { data } = await h.octokit.rest.repos.getContent({ ...repo, path });
    expect(data).toMatchObject({ type: 'file', sha: blobSha, size: Buffer.byteLength(text), content: '', encoding: 'none' });
  });

  it('come whole from the git blob API, base64 in lines as GitHub sends them', async () => {
    const { data } = await h.octokit.rest.git.getBlob({ ...repo, file_sha: blobSha });
    expect(data).toMatchObject({ sha: blobSha, size: Buffer.byteLength(text), encoding: 'base64' });
    expect(data.content).toMatch(/^[A-Za-z0-9+/=\n]+$/);
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(text);
  });

  it('the blob API answers 404 for a blob it does not have, and for a sha that is not a blob', async () => {
    expect((await failure(h.octokit.rest.git.getBlob({ ...repo, file_sha: '0'.repeat(40) }))).status).toBe(404);
    expect((await failure(h.octokit.rest.git.getBlob({ ...repo, file_sha: mainSha }))).status).toBe(404);
  });
});
