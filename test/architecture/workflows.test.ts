/**
 * The GitHub workflows of the repository and of the sites `init` writes: actions pinned by commit
 * (a tag can be moved to other code), checkouts that keep no credentials, and each job with the
 * permissions it uses and no more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/fixtures.ts';

const FOLDERS = ['.github/workflows', 'packages/platform-portal/starter/github/workflows'];
const workflows = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(REPO_ROOT, folder))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => ({ file: `${folder}/${f}`, text: readFileSync(path.join(REPO_ROOT, folder, f), 'utf-8') })),
);

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
  if?: string;
}
const jobsOf = (text: string): [string, Job][] => Object.entries((parse(text) as { jobs: Record<string, Job> }).jobs);

describe('the workflows', () => {
  it('are found: the repository\'s and the starter\'s', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual([
      '.github/workflows/access.yml',
      '.github/workflows/site.yml',
      '.github/workflows/usage.yml',
      'packages/platform-portal/starter/github/workflows/access.yml',
      'packages/platform-portal/starter/github/workflows/site.yml',
      'packages/platform-portal/starter/github/workflows/usage.yml',
    ]);
  });

  it('pin every action by a full commit sha, with the version it is in a comment', () => {
    const unpinned = workflows.flatMap(({ file, text }) =>
      [...text.matchAll(/^\s*-?\s*uses:\s*(.+)$/gm)].map((m) => m[1]!.trim()).filter((uses) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/.test(uses)).map((uses) => `${file}: ${uses}`),
    );
    expect(unpinned).toEqual([]);
  });

  it('check out without keeping credentials', () => {
    const keeping = workflows.flatMap(({ file, text }) =>
      jobsOf(text).flatMap(([job, { steps }]) => steps.filter((s) => s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false).map(() => `${file}: ${job}`)),
    );
    expect(keeping).toEqual([]);
  });

  it('grant nothing at the top and name each job\'s permissions', () => {
    for (const { file, text } of workflows) {
      expect((parse(text) as { permissions?: unknown }).permissions, file).toEqual({});
      for (const [job, { permissions }] of jobsOf(text)) expect(permissions, `${file}: ${job}`).toBeDefined();
    }
  });

  it('run the repository\'s tests on every pull request, request branches included', () => {
    const site = workflows.find((w) => w.file === '.github/workflows/site.yml')!;
    expect(jobsOf(site.text).filter(([, job]) => job.if !== undefined)).toEqual([]);
  });
});
