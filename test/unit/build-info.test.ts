import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInfo } from '../../packages/platform-portal/src/data/build-info.ts';

const now = new Date('2026-11-25T12:00:00.000Z');
const SHA = 'a'.repeat(40);
let empty: string;
let checkout: string;
let head: string;

beforeAll(async () => {
  empty = await mkdtemp(path.join(os.tmpdir(), 'build-info-empty-'));
  checkout = await mkdtemp(path.join(os.tmpdir(), 'build-info-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: checkout, encoding: 'utf-8' }).trim();
  git('init', '-q', '-b', 'main');
  git('commit', '-q', '--allow-empty', '-m', 'first');
  head = git('rev-parse', 'HEAD');
});
afterAll(async () => {
  await Promise.all([empty, checkout].map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('/build.json', () => {
  it('names the commit from PORTAL_BUILD_COMMIT first, then Cloudflare Pages, then GitHub Actions', () => {
    const env = { PORTAL_BUILD_COMMIT: SHA.toUpperCase(), PORTAL_BUILD_BRANCH: 'main', CF_PAGES_COMMIT_SHA: 'b'.repeat(40), GITHUB_SHA: 'c'.repeat(40) };
    expect(buildInfo({ env, now, cwd: checkout })).toEqual({ commit: SHA, branch: 'main', builtAt: '2026-11-25T12:00:00.000Z' });
    expect(buildInfo({ env: { CF_PAGES_COMMIT_SHA: SHA, CF_PAGES_BRANCH: 'preview' }, now }).branch).toBe('preview');
    expect(buildInfo({ env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/pull/7/merge', GITHUB_REF_NAME: '7/merge' }, now })).toMatchObject({ commit: SHA, branch: null });
  });

  it('falls back to the git checkout, and to null outside one', () => {
    expect(buildInfo({ env: {}, now, cwd: checkout })).toMatchObject({ commit: head, branch: 'main' });
    expect(buildInfo({ env: {}, now, cwd: empty })).toMatchObject({ commit: null, branch: null });
  });

  it('stops the build on a malformed commit, naming the variable and the fix', () => {
    expect(() => buildInfo({ env: { PORTAL_BUILD_COMMIT: 'abc123' }, now })).toThrowErrorMatchingInlineSnapshot(`[Error: PORTAL_BUILD_COMMIT is "abc123": expected a full 40-character commit sha (git rev-parse HEAD); set it to the commit the site is built from, or unset it.]`);
  });
});
