/**
 * The web view's Merge and Close buttons: plain form posts that do what the REST API does, from
 * the server's own page only. Invariants: a refused post changes nothing (the base branch, the
 * pull, the listener), and every answer is an HTML page without a stack trace.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { base64, call, git, OWNER, REPO, startHarness, type Harness, type RawAnswer } from './helpers.ts';

const repo = { owner: OWNER, repo: REPO };
const FORM = 'application/x-www-form-urlencoded';

let h: Harness;
const updates: [string, string][] = [];

beforeAll(async () => {
  h = await startHarness(undefined, { onBranchUpdated: (branch, sha) => void updates.push([branch, sha]) });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  updates.length = 0;
});

const mainTip = async () => (await git(h.server.repoPath, 'rev-parse', 'main')).trim();

/** A branch off main that writes `text` to `path`, and its open pull request. */
async function openPull(branch: string, path: string, text: string): Promise<number> {
  await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: await mainTip() });
  const { data: current } = await h.octokit.rest.repos.getContent({ ...repo, path, ref: branch }).catch(() => ({ data: null }));
  const sha = current && !Array.isArray(current) ? current.sha : undefined;
  await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, branch, message: `Edit ${path}`, content: base64(text), ...(sha ? { sha } : {}) });
  const { data } = await h.octokit.rest.pulls.create({ ...repo, title: `Change on ${branch}`, head: branch, base: 'main' });
  return data.number;
}

const page = (number: number) => call(h.server, 'GET', `/pulls/${number}`, { headers: { accept: 'text/html' } });

async function tokenOf(number: number): Promise<string> {
  const token = /name="token" value="([^"]+)"/.exec((await page(number)).text)?.[1];
  if (!token) throw new Error(`no form token on /pulls/${number}`);
  return token;
}

/** A form post as the browser sends it from the page; `origin: null` leaves the header out. */
function post(number: number, action: string, form: { token?: string; origin?: string | null; type?: string; body?: string } = {}): Promise<RawAnswer> {
  const origin = form.origin === undefined ? `http://127.0.0.1:${h.server.port}` : form.origin;
  const body = form.body ?? (form.token === undefined ? '' : `token=${encodeURIComponent(form.token)}`);
  return call(h.server, 'POST', `/pulls/${number}/${action}`, {
    body,
    // No API token: the web view never needs one.
    headers: { authorization: '', 'content-type': form.type ?? FORM, ...(origin === null ? {} : { origin }) },
  });
}

/** The text a reader sees: tags dropped, character references decoded. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\s+/g, ' ');
}

function expectPage(answer: RawAnswer, status: number): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(answer.text).not.toMatch(/\bat .+\.ts:\d+|Error:/);
}

async function pullState(number: number) {
  const { data } = await h.octokit.rest.pulls.get({ ...repo, pull_number: number });
  return { state: data.state, merged: data.merged, merge_commit_sha: data.merge_commit_sha };
}

describe('web view: merge and close', () => {
  it('shows Merge pull request and Close pull request buttons on an open pull request, in forms that post the token', async () => {
    const number = await openPull('web-buttons', 'content/tenants/buttons.yaml', 'slug: buttons\n');
    const answer = await page(number);
    expectPage(answer, 200);
    expect(answer.text).toContain('This branch has no conflicts with the base branch.');
    for (const [action, button] of [
      ['merge', '<button type="submit" class="button primary">Merge pull request</button>'],
      ['close', '<button type="submit" class="button">Close pull request</button>'],
    ]) {
      expect(answer.text).toMatch(new RegExp(`<form method="post" action="/pulls/${number}/${action}"><input type="hidden" name="token" value="[\\w-]{43}">${button}</form>`));
    }
    // The forms may post back here and nowhere else, and no other site may frame the page.
    expect(answer.headers['content-security-policy']).toContain("form-action 'self'");
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('merges through the form as the REST API does, and redirects (303) to the page showing it merged without buttons', async () => {
    const number = await openPull('web-merge', 'content/tenants/initech.yaml', 'slug: initech\n');
    const before = await mainTip();
    const head = (await git(h.server.repoPath, 'rev-parse', 'web-merge')).trim();
    const answer = await post(number, 'merge', { token: await tokenOf(number), origin: `http://localhost:${h.server.port}` });
    expect(answer.status, answer.text).toBe(303);
    expect(answer.headers.location).toBe(`/pulls/${number}`);

    const after = await mainTip();
    expect(await pullState(number)).toEqual({ state: 'closed', merged: true, merge_commit_sha: after });
    expect(await git(h.server.repoPath, 'show', 'main:content/tenants/initech.yaml')).toBe('slug: initech\n');
    expect((await git(h.server.repoPath, 'rev-list', '--parents', '-n1', 'main')).trim().split(' ')).toEqual([after, before, head]);
    expect(await git(h.server.repoPath, 'log', '-1', '--format=%B', 'main')).toBe(
      `Merge pull request #${number} from ${OWNER}/web-merge\n\nChange on web-merge\n\n`,
    );

    const shown = await page(number);
    expect(shown.text).toContain('<p class="state merged">Merged</p>');
    expect(visible(shown.text)).toContain(`local-dev merged commit ${after.slice(0, 7)} into main on`);
    expect(shown.text).not.toContain('<button');
    expect(shown.text).not.toContain('<form');
  });

  it('closes through the form without merging', async () => {
    const number = await openPull('web-close', 'content/tenants/hooli.yaml', 'slug: hooli\n');
    const before = await mainTip();
    updates.length = 0;
    const answer = await post(number, 'close', { token: await tokenOf(number) });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/pulls/${number}`);
    expect(await pullState(number)).toEqual({ state: 'closed', merged: false, merge_commit_sha: null });
    expect(await mainTip()).toBe(before);
    expect(updates).toEqual([]);
    const shown = await page(number);
    expect(shown.text).toContain('<p class="state closed">Closed</p>');
    expect(visible(shown.text)).toContain('Closed without merging on');
    expect(shown.text).not.toContain('<button');
  });

  it('refuses a post without the token, with a wrong token, from a foreign Origin or not as a form, and changes nothing', async () => {
    const number = await openPull('web-forged', 'content/tenants/forged.yaml', 'slug: forged\n');
    const token = await tokenOf(number);
    const before = await mainTip();
    updates.length = 0;
    const tokenMessage =
      "The form does not carry this local GitHub's token, so it was refused. Reload the pull request page and try again: the token changes each time the local GitHub starts.";
    const originMessage = (origin: string) =>
      `The form was sent from ${origin}, not from this local GitHub's own page, so it was refused: other sites may not merge or close pull requests here. Open the pull request in the local GitHub and use its buttons.`;
    const refusals: [string, Promise<RawAnswer>, number, string][] = [
      ['no token', post(number, 'merge'), 403, tokenMessage],
      ['no token, no Origin', post(number, 'close', { origin: null }), 403, tokenMessage],
      ['a wrong token', post(number, 'merge', { token: `${token.slice(0, -1)}x` }), 403, tokenMessage],
      ['the token twice as long', post(number, 'merge', { token: token + token }), 403, tokenMessage],
      ['a foreign Origin', post(number, 'merge', { token, origin: 'https://evil.example' }), 403, originMessage('https://evil.example')],
      ['another port', post(number, 'close', { token, origin: `http://127.0.0.1:${h.server.port + 1}` }), 403, originMessage(`http://127.0.0.1:${h.server.port + 1}`)],
      ['Origin null', post(number, 'merge', { token, origin: 'null' }), 403, originMessage('null')],
      ['JSON', post(number, 'merge', { type: 'application/json', body: JSON.stringify({ token }) }), 415, 'The web view takes forms sent as application/x-www-form-urlencoded only, as its own pages send them.'],
      ['a body over the limit', post(number, 'merge', { body: `token=${token}&pad=${'x'.repeat(20_000)}` }), 413, 'The request body is larger than 16384 bytes, the most the local GitHub accepts.'],
    ];
    for (const [name, pending, status, message] of refusals) {
      const answer = await pending;
      expectPage(answer, status);
      expect(visible(answer.text), name).toContain(message);
    }
    expect(await pullState(number)).toEqual({ state: 'open', merged: false, merge_commit_sha: null });
    expect(await mainTip()).toBe(before);
    expect(updates).toEqual([]);
    // The page's own form still works after all of that, without an Origin (older browsers).
    expect((await post(number, 'close', { token, origin: null })).status).toBe(303);
  });

  it('says on the page why a conflicting merge is refused (409), and changes nothing', async () => {
    const path = 'content/tenants/globex.yaml';
    const left = await openPull('web-conflict-left', path, 'slug: globex\nname: Left\n');
    const right = { number: await openPull('web-conflict-right', path, 'slug: globex\nname: Right\n') };
    await h.octokit.rest.pulls.merge({ ...repo, pull_number: left });

    const shown = await page(right.number);
    expect(shown.text).toContain('<p id="merge-status" class="closed">This branch has conflicts that must be resolved.</p>');
    expect(shown.text).toContain('<button type="submit" class="button primary" disabled aria-describedby="merge-status">Merge pull request</button>');
    const before = await mainTip();
    updates.length = 0;
    // A page loaded before the conflict still has an enabled button; its post is refused.
    const answer = await post(right.number, 'merge', { token: await tokenOf(right.number) });
    expectPage(answer, 409);
    expect(answer.text).toContain('<p role="alert" class="notice">The merge was refused: Pull Request is not mergeable.</p>');
    expect(answer.text).toContain('This branch has conflicts that must be resolved.');
    expect(await pullState(right.number)).toEqual({ state: 'open', merged: false, merge_commit_sha: null });
    expect(await mainTip()).toBe(before);
    expect(updates).toEqual([]);
  });

  it('says on the page that an already merged or closed pull request cannot be merged or closed again (409)', async () => {
    const number = await openPull('web-twice', 'content/tenants/twice.yaml', 'slug: twice\n');
    const token = await tokenOf(number);
    expect((await post(number, 'merge', { token })).status).toBe(303);
    const merged = await pullState(number);
    const before = await mainTip();
    updates.length = 0;
    for (const action of ['merge', 'close']) {
      const answer = await post(number, action, { token });
      expectPage(answer, 409);
      expect(visible(answer.text)).toContain(`Pull request #${number} is already merged; there is nothing to do.`);
      expect(answer.text).toContain('<p class="state merged">Merged</p>');
      expect(answer.text).not.toContain('<button');
    }
    expect(await pullState(number)).toEqual(merged);
    expect(await mainTip()).toBe(before);
    expect(updates).toEqual([]);
    const missing = await post(9999, 'merge', { token });
    expectPage(missing, 404);
  });
});

describe('onBranchUpdated', () => {
  it('is called with the base branch and the merge commit after a merge through the web view and one through the REST API', async () => {
    const web = await openPull('hook-web', 'content/tenants/hook-web.yaml', 'slug: hook-web\n');
    const api = await openPull('hook-api', 'content/tenants/hook-api.yaml', 'slug: hook-api\n');
    updates.length = 0;
    await post(web, 'merge', { token: await tokenOf(web) });
    const afterWeb = await mainTip();
    const { data } = await h.octokit.rest.pulls.merge({ ...repo, pull_number: api });
    expect(data.sha).toBe(await mainTip());
    expect(updates).toEqual([
      ['main', afterWeb],
      ['main', data.sha],
    ]);
  });

  it('is called after pushes through the git data API and contents API writes, not after deletions', async () => {
    const main = await mainTip();
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/hook-push', sha: main });
    const { data: write } = await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'content/hook.yaml', branch: 'hook-push', message: 'hook', content: base64('a: 1\n') });
    await h.octokit.rest.git.updateRef({ ...repo, ref: 'heads/hook-push', sha: main, force: true });
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/tags/hook-tag', sha: main });
    await h.octokit.rest.git.deleteRef({ ...repo, ref: 'heads/hook-push' });
    expect(updates).toEqual([
      ['hook-push', main],
      ['hook-push', write.commit.sha],
      ['hook-push', main],
    ]);
  });

  it('does not fail the request when the listener throws; the failure is logged', async () => {
    const lines: string[] = [];
    const server = await h.restart({
      onBranchUpdated: () => {
        throw new Error('listener broke');
      },
      log: (line) => void lines.push(line),
    });
    const answer = await call(server, 'POST', `/repos/${OWNER}/${REPO}/git/refs`, {
      body: JSON.stringify({ ref: 'refs/heads/hook-throws', sha: await mainTip() }),
    });
    expect(answer.status).toBe(201);
    expect(lines.some((line) => line.startsWith('local-github: onBranchUpdated(hook-throws) failed: Error: listener broke'))).toBe(true);
  });
});
