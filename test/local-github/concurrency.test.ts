/**
 * Concurrent writers: correctness comes from git's compare-and-swap on references, so parallel
 * flows never lose a commit, and racing writers of the same thing get exactly one success.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64, git, octokitFor, OWNER, REPO, startHarness, type Harness } from './helpers.ts';
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

async function outcome(promise: Promise<{ status: number }>): Promise<number> {
  try {
    return (await promise).status;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('concurrency', () => {
  it('runs 50 parallel branch + commit + pull request flows on distinct branches', async () => {
    const flows = Array.from({ length: 50 }, async (_, i) => {
      const branch = `tenant-${i}`;
      await h.octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: mainSha });
      await h.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: `content/tenants/t-${i}.yaml`,
        branch,
        message: `Onboard t-${i}`,
        content: base64(`slug: t-${i}\n`),
      });
      const { data } = await h.octokit.rest.pulls.create({ ...repo, title: `Onboard t-${i}`, head: branch, base: 'main', body: `marker-${i}` });
      await h.octokit.rest.issues.addLabels({ ...repo, issue_number: data.number, labels: ['tenant-onboarding'] });
      return { branch, number: data.number, head: data.head.sha, i };
    });
    const results = await Promise.all(flows);
    expect(new Set(results.map((result) => result.number)).size).toBe(50);
    expect(results.map((result) => result.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    for (const result of results.slice(0, 10)) {
      expect((await git(h.server.repoPath, 'rev-parse', `refs/pull/${result.number}/head`)).trim()).toBe(result.head);
      expect((await git(h.server.repoPath, 'diff', '--name-only', `main...${result.branch}`)).trim()).toBe(`content/tenants/t-${result.i}.yaml`);
    }
    const open = await h.octokit.paginate(h.octokit.rest.pulls.list, { ...repo, state: 'open', per_page: 20 });
    expect(open).toHaveLength(50);
    expect(open.map((pull) => pull.number)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    const search = await h.octokit.rest.search.issuesAndPullRequests({ q: `repo:${OWNER}/${REPO} is:pr label:tenant-onboarding "marker-7"` });
    expect(search.data.items.map((item) => item.title)).toEqual(['Onboard t-7']);
    await git(h.server.repoPath, 'fsck', '--strict');
  });

  it('lets exactly one of two updates of the same file with the same base sha win; the other gets 409', async () => {
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/race', sha: mainSha });
    const path = 'content/tenants/acme.yaml';
    const { data: file } = await h.octokit.rest.repos.getContent({ ...repo, path, ref: 'race' });
    if (Array.isArray(file)) throw new Error('expected a file');
    const late = () =>
      h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, branch: 'race', sha: file.sha, message: 'late', content: base64('late\n') });
    for (let round = 0; round < 3; round += 1) {
      const { data: current } = await h.octokit.rest.repos.getContent({ ...repo, path, ref: 'race' });
      if (Array.isArray(current)) throw new Error('expected a file');
      const racing = (who: string) =>
        h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, branch: 'race', sha: current.sha, message: who, content: base64(`by: ${who} ${round}\n`) });
      const statuses = await Promise.all([outcome(racing('a')), outcome(racing('b'))]);
      expect(statuses.sort()).toEqual([200, 409]);
    }
    expect(await outcome(late())).toBe(409);
    const log = (await git(h.server.repoPath, 'log', '--format=%s', `${mainSha}..race`)).trim().split('\n');
    expect(log).toHaveLength(3);
  });

  it('keeps every commit when many writers change different files on one branch', async () => {
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/busy', sha: mainSha });
    const writes = Array.from({ length: 12 }, (_, i) =>
      h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: `content/busy/f-${i}.yaml`, branch: 'busy', message: `f-${i}`, content: base64(`i: ${i}\n`) }),
    );
    expect((await Promise.all(writes)).map((response) => response.status)).toEqual(Array(12).fill(201));
    const files = (await git(h.server.repoPath, 'ls-tree', '--name-only', 'busy', 'content/busy/')).trim().split('\n');
    expect(files).toHaveLength(12);
    expect((await git(h.server.repoPath, 'rev-list', '--count', `${mainSha}..busy`)).trim()).toBe('12');
  });

  it("decides races between two servers on one repository with git's compare-and-swap alone", async () => {
    // Two servers share no lock in this process: only `update-ref <new> <old>` can keep them honest.
    const other = octokitFor(await h.restart());
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/cas', sha: mainSha });
    const path = 'content/services/kafka.yaml';
    for (let round = 0; round < 4; round += 1) {
      const { data: current } = await h.octokit.rest.repos.getContent({ ...repo, path, ref: 'cas' });
      if (Array.isArray(current)) throw new Error('expected a file');
      const put = (client: typeof other, who: string) =>
        outcome(client.rest.repos.createOrUpdateFileContents({ ...repo, path, branch: 'cas', sha: current.sha, message: who, content: base64(`${who} ${round}\n`) }));
      expect((await Promise.all([put(h.octokit, 'one'), put(other, 'two')])).sort()).toEqual([200, 409]);
    }
    const unrelated = Array.from({ length: 8 }, (_, i) =>
      outcome((i % 2 ? other : h.octokit).rest.repos.createOrUpdateFileContents({ ...repo, path: `content/cas/${i}.yaml`, branch: 'cas', message: `cas ${i}`, content: base64(`${i}\n`) })),
    );
    expect(await Promise.all(unrelated)).toEqual(Array(8).fill(201));
    expect((await git(h.server.repoPath, 'rev-list', '--count', `${mainSha}..cas`)).trim()).toBe('12');
    await git(h.server.repoPath, 'fsck', '--strict');
  });

  it('creates a contested ref exactly once (201 + 422)', async () => {
    const create = () => outcome(h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/contested', sha: mainSha }));
    expect((await Promise.all([create(), create(), create()])).sort()).toEqual([201, 422, 422]);
  });

  it('opens one pull for racing opens of the same head (201 + 422)', async () => {
    const open = () => outcome(h.octokit.rest.pulls.create({ ...repo, title: 'race', head: 'busy', base: 'main' }));
    expect((await Promise.all([open(), open()])).sort()).toEqual([201, 422]);
    await git(h.server.repoPath, 'fsck', '--strict');
  });
});
