/**
 * GET /repos/{owner}/{repo}/compare/{base}...{head} against the git CLI on the same repository:
 * merge base, ahead/behind counts, commits and files, pagination, and GitHub's 404s. Every 200 is
 * validated against GitHub's OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, call, git, OWNER, REPO, startHarness, type Harness } from './helpers.ts';
import { GitHubSchemas } from './openapi.ts';

const schemas = new GitHubSchemas();
const repo = { owner: OWNER, repo: REPO };
const BRANCH = 'requests/onboarding/initech';

let h: Harness;
let root: string;
let commits: string[];

const rev = async (name: string) => (await git(h.server.repoPath, 'rev-parse', name)).trim();
const compare = (basehead: string, more: { page?: number; per_page?: number } = {}) =>
  h.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead, ...more }).then((response) => response.data);

async function write(branch: string, path: string, text: string): Promise<string> {
  const sha = (await git(h.server.repoPath, 'ls-tree', '--format=%(objectname)', branch, path)).trim() || undefined;
  const { data } = await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, branch, path, sha, message: `Write ${path}`, content: base64(text) });
  return data.commit.sha ?? '';
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await promise;
  } catch (error) {
    const failed = error as { status: number; response: { data: unknown } };
    return { status: failed.status, data: failed.response.data };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  h = await startHarness(schemas);
  root = await rev('main');
  await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${BRANCH}`, sha: root });
  commits = [await write(BRANCH, 'content/tenants/initech.yaml', 'slug: initech\n'), await write(BRANCH, 'content/tenants/initech.yaml', 'slug: initech\nname: Initech\n')];
});
afterAll(async () => {
  await h?.close();
});

describe('compare two commits', () => {
  it('says how far a branch is ahead, with its commits oldest first and the three-dot files', async () => {
    const data = await compare(`main...${BRANCH}`);
    expect(data).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0, total_commits: 2 });
    expect(data.merge_base_commit.sha).toBe(root);
    expect(data.base_commit.sha).toBe(root);
    expect(data.commits.map((commit) => commit.sha)).toEqual(commits);
    expect(data.files?.map((file) => [file.filename, file.status, file.additions])).toEqual([['content/tenants/initech.yaml', 'added', 2]]);
    expect(data.permalink_url).toContain(`${OWNER}:${root}...${OWNER}:${commits[1]}`);
  });

  it('reads the other way round as behind, with no commits and no files', async () => {
    const data = await compare(`${BRANCH}...main`);
    expect(data).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 2, total_commits: 0, commits: [], files: [] });
  });

  it('is identical for one commit named two ways, also as owner:name', async () => {
    expect(await compare(`main...${root}`)).toMatchObject({ status: 'identical', ahead_by: 0, behind_by: 0, commits: [] });
    expect((await compare(`${OWNER}:main...${OWNER}:main`)).status).toBe('identical');
  });

  it('counts diverged history as git does, from the merge base', async () => {
    const onMain = await write('main', 'content/services/kafka.yaml', 'id: kafka\ntitle: Apache Kafka\n');
    const data = await compare(`main...${BRANCH}`);
    expect(data).toMatchObject({ status: 'diverged', ahead_by: 2, behind_by: 1 });
    expect(data.base_commit.sha).toBe(onMain);
    expect(data.merge_base_commit.sha).toBe((await git(h.server.repoPath, 'merge-base', 'main', BRANCH)).trim());
    const [behind, ahead] = (await git(h.server.repoPath, 'rev-list', '--left-right', '--count', `main...${BRANCH}`)).trim().split(/\s+/).map(Number);
    expect([data.behind_by, data.ahead_by]).toEqual([behind, ahead]);
    // Files of base...head: what the branch changed since the merge base, not main's own change.
    expect(data.files?.map((file) => file.filename)).toEqual(['content/tenants/initech.yaml']);
  });

  it('shows a merged pull contained in the branch it was merged into, and not in an older commit', async () => {
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, title: 'Onboard initech', head: BRANCH, base: 'main' });
    const { data: merge } = await h.octokit.rest.pulls.merge({ ...repo, pull_number: pull.number });
    expect((await compare(`${merge.sha}...main`)).status).toBe('identical');
    expect((await compare(`${commits[1]}...main`)).status).toBe('ahead');
    expect((await compare(`${merge.sha}...${root}`)).status).toBe('behind');
  });

  it('pages the commits with per_page and page, the files on the first page only', async () => {
    const first = await h.octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${root}...${commits[1]}`, per_page: 1 });
    expect(first.data.commits.map((commit) => commit.sha)).toEqual([commits[0]]);
    expect(first.data.total_commits).toBe(2);
    expect(first.data.files).toHaveLength(1);
    expect(first.headers.link).toContain('rel="next"');
    const second = await compare(`${root}...${commits[1]}`, { per_page: 1, page: 2 });
    expect(second.commits.map((commit) => commit.sha)).toEqual([commits[1]]);
    expect(second.files).toBeUndefined();
  });

  it('takes branch names with slashes, encoded or not', async () => {
    const raw = await call(h.server, 'GET', `/repos/${OWNER}/${REPO}/compare/${root}...${BRANCH}`);
    expect(raw.status).toBe(200);
    expect(raw.json).toMatchObject({ ahead_by: 2 });
  });
});

describe('what GitHub answers 404 to', () => {
  const DOCS = 'https://docs.github.com/rest/commits/commits#compare-two-commits';

  it('an unknown commit, branch or owner, and a basehead without "..."', async () => {
    for (const basehead of [`main...${'0'.repeat(40)}`, 'main...no-such-branch', `someone-else:main...main`, 'main..main', 'main']) {
      expect(await failure(compare(basehead)), basehead).toEqual({ status: 404, data: { message: 'Not Found', documentation_url: DOCS, status: '404' } });
    }
  });

  it('two commits without a common ancestor', async () => {
    const tree = (await git(h.server.repoPath, 'rev-parse', 'main^{tree}')).trim();
    const orphan = (await git(h.server.repoPath, '-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit-tree', tree, '-m', 'Unrelated history')).trim();
    await git(h.server.repoPath, 'update-ref', 'refs/heads/orphan', orphan);
    expect(await failure(compare('main...orphan'))).toEqual({
      status: 404,
      data: { message: 'No common ancestor between main and orphan.', documentation_url: DOCS, status: '404' },
    });
  });

  it("validated every answer against GitHub's OpenAPI description", () => {
    expect([...schemas.validated]).toContain('GET /repos/{owner}/{repo}/compare/{basehead} 200');
  });
});
