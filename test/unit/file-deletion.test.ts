/**
 * A change that removes a file (changes/removeFile, e.g. offboarding a tenant) opened as a pull
 * request on the local GitHub: the file is gone on the request's branch and still on the base
 * branch, a retry of the same submission opens nothing twice, and a file another submission changed
 * on the branch is not removed over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE, OWNER, plumbingRepo, REPO, startHarness, type Harness } from '../local-github/helpers.ts';
import { readFiles } from '../../packages/platform-portal/src/github/files.ts';
import { openPullRequest, type Repo } from '../../packages/platform-portal/src/github/pull-requests.ts';
import { fileIn, removeFile } from '../../packages/platform-portal/src/changes/index.ts';
import { formatMarker } from '../../packages/platform-portal/src/requests/marker.ts';
import type { Change } from '../../packages/platform-portal/src/requests/types.ts';

const TENANT = 'content/tenants/globex.yaml';
let harness: Harness;
let repo: Repo;

beforeAll(async () => {
  harness = await startHarness();
  repo = plumbingRepo(harness.server);
});
afterAll(() => harness?.close());

async function offboarding(branch: string, id: string): Promise<{ change: Change; id: string }> {
  const files = await readFiles(repo, [TENANT]);
  const change: Change = {
    branch,
    title: 'Offboard globex',
    body: `Removes the tenant file.\n\n${formatMarker({ id, type: 'offboarding', requester: 'f'.repeat(64) })}`,
    labels: [],
    commitMessage: `Offboard globex\n\nPortal-Request: ${id}`,
    mode: 'single',
    files: [removeFile(fileIn(files, TENANT))],
  };
  return { change, id };
}

describe('a change that removes a file', () => {
  it('opens a pull request whose branch no longer holds the file, and the base branch still does', async () => {
    const { change, id } = await offboarding('requests/offboarding/globex', 'a'.repeat(64));
    const opened = await openPullRequest(repo, change, id);
    expect(opened.created).toBe(true);
    expect((await readFiles(repo, [TENANT], change.branch)).get(TENANT)).toBeUndefined();
    expect((await readFiles(repo, [TENANT])).get(TENANT)?.content).toBe(FIXTURE[TENANT]);
    const { data: files } = await harness.octokit.rest.pulls.listFiles({ owner: OWNER, repo: REPO, pull_number: opened.number });
    expect(files.map((f) => [f.filename, f.status])).toEqual([[TENANT, 'removed']]);
  });

  it('is answered with the same pull request when the submission is sent again', async () => {
    const { change, id } = await offboarding('requests/offboarding/globex-retry', 'b'.repeat(64));
    const first = await openPullRequest(repo, change, id);
    const again = await openPullRequest(repo, change, id);
    expect(again.number).toBe(first.number);
    expect(again.created).toBe(false);
  });
});
