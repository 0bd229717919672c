/**
 * The whole pull request flow through Octokit (the `octokit` package), as the portal drives GitHub: every answer
 * is validated against GitHub's OpenAPI description, and the repository on disk is checked with
 * the git CLI afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, call, FIXTURE, git, OWNER, REPO, startHarness, type Harness } from './helpers.ts';
import { GitHubSchemas } from './openapi.ts';

const schemas = new GitHubSchemas();
const repo = { owner: OWNER, repo: REPO };
const BRANCH = 'onboard-initech';
const PATH = 'content/tenants/initech.yaml';
const MARKER = 'portal-request:7f3a9c';

let h: Harness;
let mainSha: string;
let firstBlob: string;
let secondBlob: string;
let pullNumber: number;
let hostileNumber: number;

beforeAll(async () => {
  h = await startHarness(schemas);
});
afterAll(async () => {
  await h?.close();
});

async function status(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const failure = error as { status: number; response: { data: Record<string, unknown> } };
    return { status: failure.status, data: failure.response.data };
  }
  throw new Error('expected the call to fail');
}

describe('reading', () => {
  it('serves the repository with its default branch', async () => {
    const { data } = await h.octokit.rest.repos.get(repo);
    expect(data).toMatchObject({ full_name: `${OWNER}/${REPO}`, default_branch: 'main', name: REPO });
  });

  it('reads the base ref and the seeded files like GitHub', async () => {
    const { data: ref } = await h.octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    mainSha = ref.object.sha;
    expect(ref).toMatchObject({ ref: 'refs/heads/main', object: { type: 'commit' } });
    expect(mainSha).toBe((await git(h.server.repoPath, 'rev-parse', 'main')).trim());

    const { data: file } = await h.octokit.rest.repos.getContent({ ...repo, path: 'content/tenants/acme.yaml' });
    if (Array.isArray(file) || file.type !== 'file') throw new Error('expected a file');
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(FIXTURE['content/tenants/acme.yaml']);
    expect(file.content.split('\n').every((line) => line.length <= 60)).toBe(true);
    expect(file.content.endsWith('\n')).toBe(true);
    expect(file.sha).toBe((await git(h.server.repoPath, 'rev-parse', 'main:content/tenants/acme.yaml')).trim());
    expect(file).toMatchObject({ encoding: 'base64', name: 'acme.yaml', path: 'content/tenants/acme.yaml' });
    expect(file.size).toBe(Buffer.byteLength(FIXTURE['content/tenants/acme.yaml'] ?? ''));

    const { data: dir } = await h.octokit.rest.repos.getContent({ ...repo, path: 'content/tenants', ref: 'main' });
    expect(Array.isArray(dir) && dir.map((entry) => [entry.name, entry.type])).toEqual([
      ['acme.yaml', 'file'],
      ['globex.yaml', 'file'],
    ]);
    expect((await status(h.octokit.rest.repos.getContent({ ...repo, path: 'content/nope.yaml' }))).status).toBe(404);
    expect((await status(h.octokit.rest.git.getRef({ ...repo, ref: 'heads/nope' }))).data).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest/git/refs#get-a-reference',
      status: '404',
    });
  });
});

describe('writing: branch, file, pull request', () => {
  it('creates a branch from the base ref', async () => {
    const { status: code, data } = await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${BRANCH}`, sha: mainSha });
    expect(code).toBe(201);
    expect(data.object.sha).toBe(mainSha);
  });

  it('creates a file (201) and updates it (200) as commits on the branch', async () => {
    const created = await h.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: PATH,
      branch: BRANCH,
      message: 'Onboard initech',
      content: base64('slug: initech\nname: Initech\n'),
    });
    expect(created.status).toBe(201);
    firstBlob = created.data.content?.sha ?? '';
    expect(created.data.commit.parents?.map((parent) => parent.sha)).toEqual([mainSha]);

    const updated = await h.octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: PATH,
      branch: BRANCH,
      sha: firstBlob,
      message: 'Name initech properly',
      content: base64('slug: initech\nname: Initech Inc.\n'),
      committer: { name: 'Portal Bot', email: 'portal@example.com' },
    });
    expect(updated.status).toBe(200);
    secondBlob = updated.data.content?.sha ?? '';
    expect(updated.data.commit.committer).toMatchObject({ name: 'Portal Bot', email: 'portal@example.com' });
    expect(updated.data.commit.parents?.map((parent) => parent.sha)).toEqual([created.data.commit.sha]);
  });

  it('refuses a stale sha (409), a missing sha (422) and an existing ref (422) with GitHub bodies', async () => {
    const stale = h.octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: PATH, branch: BRANCH, sha: firstBlob, message: 'stale', content: base64('x: 1\n'),
    });
    expect(await status(stale)).toEqual({
      status: 409,
      data: {
        message: `${PATH} does not match ${firstBlob}`,
        documentation_url: 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents',
        status: '409',
      },
    });
    const missing = h.octokit.rest.repos.createOrUpdateFileContents({
      ...repo, path: PATH, branch: BRANCH, message: 'no sha', content: base64('x: 1\n'),
    });
    expect(await status(missing)).toMatchObject({ status: 422, data: { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' } });
    const existing = h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${BRANCH}`, sha: mainSha });
    expect(await status(existing)).toEqual({
      status: 422,
      data: {
        message: 'Reference already exists',
        documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference',
        status: '422',
      },
    });
  });

  it('opens a pull request with a full pull-request object', async () => {
    const { status: code, data } = await h.octokit.rest.pulls.create({
      ...repo,
      title: 'Onboard tenant initech',
      head: BRANCH,
      base: 'main',
      body: `Adds initech.\n\n<!-- ${MARKER} -->`,
    });
    expect(code).toBe(201);
    pullNumber = data.number;
    const headSha = (await git(h.server.repoPath, 'rev-parse', BRANCH)).trim();
    expect(data).toMatchObject({
      number: 1,
      state: 'open',
      merged: false,
      merged_at: null,
      mergeable: null,
      mergeable_state: 'unknown',
      commits: 2,
      changed_files: 1,
      additions: 2,
      labels: [],
      requested_reviewers: [],
      head: { ref: BRANCH, sha: headSha, label: `${OWNER}:${BRANCH}` },
      base: { ref: 'main', sha: mainSha },
      user: { login: 'local-dev' },
      html_url: `${h.server.webUrl}/pulls/1`,
    });
    expect((await git(h.server.repoPath, 'rev-parse', 'refs/pull/1/head')).trim()).toBe(headSha);
    const { data: again } = await h.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    expect(again).toMatchObject({ mergeable: true, mergeable_state: 'clean', commits: 2 });
  });

  it('refuses a duplicate pull, a pull without commits and an unknown head', async () => {
    const duplicate = h.octokit.rest.pulls.create({ ...repo, title: 'again', head: `${OWNER}:${BRANCH}`, base: 'main' });
    expect(await status(duplicate)).toEqual({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${OWNER}:${BRANCH}.` }],
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '422',
      },
    });
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/empty', sha: mainSha });
    const empty = h.octokit.rest.pulls.create({ ...repo, title: 'nothing', head: 'empty', base: 'main' });
    expect(await status(empty)).toMatchObject({
      status: 422,
      data: { errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and empty' }] },
    });
    const unknown = h.octokit.rest.pulls.create({ ...repo, title: 'ghost', head: 'ghost', base: 'main' });
    expect(await status(unknown)).toMatchObject({ status: 422, data: { errors: [{ field: 'head', code: 'invalid' }] } });
  });

  it('labels, review requests, reviews and statuses', async () => {
    const { data: labels } = await h.octokit.rest.issues.addLabels({ ...repo, issue_number: pullNumber, labels: ['tenant-onboarding', 'needs-review'] });
    expect(labels.map((label) => [label.name, label.color])).toEqual([['tenant-onboarding', 'ededed'], ['needs-review', 'ededed']]);
    const { data: again } = await h.octokit.rest.issues.addLabels({ ...repo, issue_number: pullNumber, labels: ['Needs-Review'] });
    expect(again).toHaveLength(2);
    expect((await h.octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: pullNumber })).data).toHaveLength(2);

    const requested = await h.octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pullNumber, reviewers: ['alice'], team_reviewers: ['platform'] });
    expect(requested.status).toBe(201);
    expect(requested.data.requested_reviewers?.map((user) => user.login)).toEqual(['alice']);
    const self = h.octokit.rest.pulls.requestReviewers({ ...repo, pull_number: pullNumber, reviewers: ['local-dev'] });
    expect((await status(self)).status).toBe(422);

    const review = await h.octokit.rest.pulls.createReview({ ...repo, pull_number: pullNumber, event: 'APPROVE', body: 'LGTM' });
    expect(review.data).toMatchObject({ state: 'APPROVED', body: 'LGTM', user: { login: 'local-dev' } });
    expect((await h.octokit.rest.pulls.listReviews({ ...repo, pull_number: pullNumber })).data.map((r) => r.state)).toEqual(['APPROVED']);

    const headSha = (await git(h.server.repoPath, 'rev-parse', BRANCH)).trim();
    expect((await h.octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: BRANCH })).data).toMatchObject({ state: 'pending', total_count: 0 });
    await h.octokit.rest.repos.createCommitStatus({ ...repo, sha: headSha, state: 'success', context: 'validate' });
    expect((await h.octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: BRANCH })).data).toMatchObject({ state: 'success', sha: headSha });
    expect((await h.octokit.rest.checks.listForRef({ ...repo, ref: headSha })).data).toEqual({ total_count: 0, check_runs: [] });
  });

  it('finds the pull again: list with head filter, search by label and marker', async () => {
    const listed = await h.octokit.rest.pulls.list({ ...repo, head: `${OWNER}:${BRANCH}`, state: 'open' });
    expect(listed.data.map((pull) => pull.number)).toEqual([pullNumber]);
    expect((await h.octokit.rest.pulls.list({ ...repo, state: 'closed' })).data).toEqual([]);

    const q = `repo:${OWNER}/${REPO} is:pr label:tenant-onboarding in:body "${MARKER}" is:open`;
    const { data: found } = await h.octokit.rest.search.issuesAndPullRequests({ q });
    expect(found).toMatchObject({ total_count: 1, incomplete_results: false });
    expect(found.items[0]).toMatchObject({ number: pullNumber, pull_request: { url: expect.stringContaining('/pulls/1') } });
    const other = await h.octokit.rest.search.issuesAndPullRequests({ q: `repo:${OWNER}/${REPO} is:pr "another-marker"` });
    expect(other.data.total_count).toBe(0);
    const wrongRepo = h.octokit.rest.search.issuesAndPullRequests({ q: 'repo:someone/else is:pr' });
    expect((await status(wrongRepo)).status).toBe(422);
  });

  it('lists the files and commits of the pull', async () => {
    const { data: files } = await h.octokit.rest.pulls.listFiles({ ...repo, pull_number: pullNumber });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: PATH, status: 'added', additions: 2, deletions: 0, sha: secondBlob });
    expect(files[0]?.patch).toBe('@@ -0,0 +1,2 @@\n+slug: initech\n+name: Initech Inc.');
    const { data: commits } = await h.octokit.rest.repos.listCommits({ ...repo, sha: BRANCH, path: PATH });
    expect(commits.map((commit) => commit.commit.message)).toEqual(['Name initech properly', 'Onboard initech']);
  });

  it('holds exactly the pull request in git: git log --all and git diff main...branch', async () => {
    const log = await git(h.server.repoPath, 'log', '--all', '--format=%s');
    expect(log.split('\n').filter(Boolean)).toEqual(['Name initech properly', 'Onboard initech', 'Initial content']);
    expect((await git(h.server.repoPath, 'diff', '--name-only', `main...${BRANCH}`)).trim()).toBe(PATH);
    expect(await git(h.server.repoPath, 'show', `${BRANCH}:${PATH}`)).toBe('slug: initech\nname: Initech Inc.\n');
  });
});

describe('merge and the web view', () => {
  it('merges with a real merge commit and closes the pull', async () => {
    const headSha = (await git(h.server.repoPath, 'rev-parse', BRANCH)).trim();
    const { data } = await h.octokit.rest.pulls.merge({ ...repo, pull_number: pullNumber, sha: headSha });
    expect(data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    expect((await git(h.server.repoPath, 'rev-parse', 'main')).trim()).toBe(data.sha);
    expect((await git(h.server.repoPath, 'rev-list', '--parents', '-n1', data.sha)).trim().split(' ')).toEqual([data.sha, mainSha, headSha]);
    const { data: pull } = await h.octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
    expect(pull).toMatchObject({ state: 'closed', merged: true, merge_commit_sha: data.sha, merged_by: { login: 'local-dev' } });
    expect((await h.octokit.rest.pulls.listFiles({ ...repo, pull_number: pullNumber })).data).toHaveLength(1);
    expect((await status(h.octokit.rest.pulls.merge({ ...repo, pull_number: pullNumber }))).status).toBe(405);
    const merged = await h.octokit.rest.search.issuesAndPullRequests({ q: `repo:${OWNER}/${REPO} is:pr is:merged` });
    expect(merged.data.items.map((item) => item.number)).toEqual([pullNumber]);
    expect((await git(h.server.repoPath, 'fsck', '--strict', '--no-dangling')).trim()).toBe('');
  });

  it('reports a conflicting pull as not mergeable and refuses to merge it (405)', async () => {
    const base = (await git(h.server.repoPath, 'rev-parse', 'main')).trim();
    const path = 'content/tenants/globex.yaml';
    const numbers: number[] = [];
    for (const side of ['left', 'right']) {
      await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/conflict-${side}`, sha: base });
      const { data: current } = await h.octokit.rest.repos.getContent({ ...repo, path, ref: `conflict-${side}` });
      if (Array.isArray(current)) throw new Error('expected a file');
      await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, branch: `conflict-${side}`, sha: current.sha, message: side, content: base64(`name: ${side}\n`) });
      numbers.push((await h.octokit.rest.pulls.create({ ...repo, title: side, head: `conflict-${side}`, base: 'main' })).data.number);
    }
    const [left = 0, right = 0] = numbers;
    await h.octokit.rest.pulls.merge({ ...repo, pull_number: left, merge_method: 'squash' });
    expect((await git(h.server.repoPath, 'rev-list', '--parents', '-n1', 'main')).trim().split(' ')).toHaveLength(2);
    const { data: stuck } = await h.octokit.rest.pulls.get({ ...repo, pull_number: right });
    expect(stuck).toMatchObject({ mergeable: false, mergeable_state: 'dirty', state: 'open' });
    expect(await status(h.octokit.rest.pulls.merge({ ...repo, pull_number: right }))).toMatchObject({
      status: 405,
      data: { message: 'Pull Request is not mergeable' },
    });
  });

  it('closes and reopens a pull with PATCH', async () => {
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/hostile', sha: mainSha });
    await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'content/x.md', branch: 'hostile', message: 'x', content: base64('# x\n') });
    const body = '<script>alert("owned")</script>\n\nSee **this** [link](javascript:alert(1)) and <img src=x onerror=alert(2)>.';
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, title: 'Hostile <b>title</b>', head: 'hostile', base: 'main', body });
    hostileNumber = pull.number;
    const closed = await h.octokit.rest.pulls.update({ ...repo, pull_number: pull.number, state: 'closed' });
    expect(closed.data).toMatchObject({ state: 'closed', merged: false });
    const reopened = await h.octokit.rest.pulls.update({ ...repo, pull_number: pull.number, state: 'open', title: 'Hostile <b>title</b>!' });
    expect(reopened.data).toMatchObject({ state: 'open', title: 'Hostile <b>title</b>!' });
  });

  it('lists pull requests in HTML and escapes hostile bodies', async () => {
    const list = await call(h.server, 'GET', '/', { headers: { accept: 'text/html' } });
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(list.text).toContain('<html lang="en">');
    expect(list.text).toContain('Onboard tenant initech');
    expect(list.text).toContain('tenant-onboarding');
    expect(list.text).toContain('Hostile &#60;b&#62;title&#60;/b&#62;!');
    expect(list.text).not.toContain('<b>');

    const page = await call(h.server, 'GET', `/pulls/${hostileNumber}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).not.toMatch(/<script|<img|javascript:/i);
    expect(page.text).toContain('&#60;script&#62;');
    expect(page.text).toContain('<strong>this</strong>');
    expect(page.text).toContain('<span class="add">+# x</span>');
    expect((await call(h.server, 'GET', '/pulls/99')).status).toBe(404);

    const api = await call(h.server, 'GET', '/', { headers: { accept: 'application/vnd.github+json' } });
    expect(api.json).toMatchObject({ repository_url: `${h.server.apiUrl}/repos/{owner}/{repo}` });
  });
});

describe('more refs and contents routes', () => {
  it('lists matching refs, moves a ref forward only, deletes refs and files', async () => {
    const { data: matching } = await h.octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/conflict-' });
    expect(matching.map((ref) => ref.ref)).toEqual(['refs/heads/conflict-left', 'refs/heads/conflict-right']);
    const main = (await git(h.server.repoPath, 'rev-parse', 'main')).trim();
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/mover', sha: mainSha });
    expect((await h.octokit.rest.git.updateRef({ ...repo, ref: 'heads/mover', sha: main })).data.object.sha).toBe(main);
    expect(await status(h.octokit.rest.git.updateRef({ ...repo, ref: 'heads/mover', sha: mainSha }))).toMatchObject({
      status: 422,
      data: { message: 'Update is not a fast forward' },
    });
    expect((await h.octokit.rest.git.updateRef({ ...repo, ref: 'heads/mover', sha: mainSha, force: true })).data.object.sha).toBe(mainSha);
    expect((await h.octokit.rest.git.deleteRef({ ...repo, ref: 'heads/mover' })).status).toBe(204);
    expect((await status(h.octokit.rest.git.getRef({ ...repo, ref: 'heads/mover' }))).status).toBe(404);
    expect((await status(h.octokit.rest.git.deleteRef({ ...repo, ref: 'heads/main' }))).status).toBe(422);

    const { data: file } = await h.octokit.rest.repos.getContent({ ...repo, path: PATH });
    if (Array.isArray(file)) throw new Error('expected a file');
    const removed = await h.octokit.rest.repos.deleteFile({ ...repo, path: PATH, sha: file.sha, message: 'Offboard initech' });
    expect(removed.data.content).toBeNull();
    expect((await status(h.octokit.rest.repos.getContent({ ...repo, path: PATH }))).status).toBe(404);
    expect((await git(h.server.repoPath, 'ls-tree', '-r', '--name-only', 'main', 'content/tenants/')).trim().split('\n')).toEqual([
      'content/tenants/acme.yaml',
      'content/tenants/globex.yaml',
    ]);
  });
});

describe('GitHub headers and schemas', () => {
  it('sends the rate-limit and request-id headers on every answer', async () => {
    const response = await h.octokit.rest.repos.get(repo);
    for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset', 'x-ratelimit-resource', 'x-github-request-id']) {
      expect(response.headers[header], header).toBeDefined();
    }
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it("validated every route used against GitHub's OpenAPI description", () => {
    expect([...schemas.validated].sort()).toEqual([
      'DELETE /repos/{owner}/{repo}/contents/{path} 200',
      'DELETE /repos/{owner}/{repo}/git/refs/{ref} 204',
      'GET /repos/{owner}/{repo} 200',
      'GET /repos/{owner}/{repo}/commits 200',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs 200',
      'GET /repos/{owner}/{repo}/commits/{ref}/status 200',
      'GET /repos/{owner}/{repo}/contents/{path} 200',
      'GET /repos/{owner}/{repo}/git/matching-refs/{ref} 200',
      'GET /repos/{owner}/{repo}/git/ref/{ref} 200',
      'GET /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'GET /repos/{owner}/{repo}/pulls 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number} 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files 200',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200',
      'GET /search/issues 200',
      'PATCH /repos/{owner}/{repo}/git/refs/{ref} 200',
      'PATCH /repos/{owner}/{repo}/pulls/{pull_number} 200',
      'POST /repos/{owner}/{repo}/git/refs 201',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/labels 200',
      'POST /repos/{owner}/{repo}/pulls 201',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers 201',
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews 200',
      'POST /repos/{owner}/{repo}/statuses/{sha} 201',
      'PUT /repos/{owner}/{repo}/contents/{path} 200',
      'PUT /repos/{owner}/{repo}/contents/{path} 201',
      'PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge 200',
    ]);
  });
});
