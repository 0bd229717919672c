/**
 * GET /repos/{owner}/{repo}/pulls/{pull_number}/files: GitHub answers at most 3,000 files of a pull
 * request, in pages; the portal's feedback summary depends on that limit. Every 200 is validated
 * against GitHub's OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, OWNER, REPO, startHarness, type Harness } from './helpers.ts';
import { commitFiles } from '../helpers/git-commit.ts';
import { GitHubSchemas } from './openapi.ts';

const repo = { owner: OWNER, repo: REPO };
const BRANCH = 'requests/feedback/2026-W49';
const FILES = 3001;
const pathOf = (i: number) => `content/feedback/2026-W49/${String(i).padStart(5, '0')}.yaml`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness(new GitHubSchemas());
  await git(h.server.repoPath, 'branch', BRANCH, 'main');
  commitFiles(h.server.repoPath, BRANCH, Array.from({ length: FILES }, (_, i): [string, string] => [pathOf(i), 'rating: 4\n']));
});
afterAll(() => h?.close());

describe('the files of a pull request', () => {
  it('are listed in path order, 100 a page, and no more than 3,000 of them', async () => {
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, title: 'Many files', head: BRANCH, base: 'main' });
    const listed = await h.octokit.paginate(h.octokit.rest.pulls.listFiles, { ...repo, pull_number: pull.number, per_page: 100 });
    expect(listed).toHaveLength(3000);
    expect(listed.map((file) => file.filename)).toEqual(Array.from({ length: 3000 }, (_, i) => pathOf(i)));
    expect(listed[0]).toMatchObject({ status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+rating: 4' });
  });
});
