/**
 * The name checks every request passes: the JS reference-name rules must agree with
 * `git check-ref-format` (the invariant: never accept what git refuses), and file paths never
 * address anything outside the tree.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { isSafeFilePath, isValidRefName, normalizeReadPath } from '../../packages/platform-portal/src/dev/local-github/names.ts';

const run = promisify(execFile);

async function gitAccepts(ref: string): Promise<boolean> {
  try {
    await run('git', ['check-ref-format', ref]);
    return true;
  } catch {
    return false;
  }
}

const REF_NAMES = [
  'refs/heads/main',
  'refs/heads/feature/a-b_c.d',
  'refs/heads/tenant-onboarding/acme-2024',
  'refs/tags/v1.2.3',
  'refs/heads/ünïcode',
  'refs/heads/a..b',
  'refs/heads/../x',
  'refs/heads/.hidden',
  'refs/heads/x/.hidden',
  'refs/heads/x.lock',
  'refs/heads/x.lock/y',
  'refs/heads/ends.',
  'refs/heads/ends/',
  'refs/heads//double',
  '/refs/heads/x',
  'refs/heads/a b',
  'refs/heads/a\tb',
  'refs/heads/a\u007fb',
  'refs/heads/a~1',
  'refs/heads/a^2',
  'refs/heads/a:b',
  'refs/heads/a?',
  'refs/heads/a*',
  'refs/heads/a[b',
  'refs/heads/a\\b',
  'refs/heads/a@{1}',
  'refs/heads/@',
  '@',
  'main',
  'refs/heads/a@b',
  'refs/heads/-dash',
  'refs/heads/x.y.z',
];

describe('reference names', () => {
  it('never accepts a name git check-ref-format refuses, and agrees on every name in the table', async () => {
    for (const ref of REF_NAMES) {
      expect(isValidRefName(ref), JSON.stringify(ref)).toBe(await gitAccepts(ref));
    }
  });

  it('refuses names git cannot even receive as an argument', () => {
    expect(isValidRefName('refs/heads/a\u0000b')).toBe(false);
    expect(isValidRefName('refs/heads/a\nb')).toBe(false);
    expect(isValidRefName(`refs/heads/${'x'.repeat(1100)}`)).toBe(false);
  });
});

describe('file paths', () => {
  it.each([
    ['content/tenants/acme.yaml', true],
    ['README.md', true],
    ['content/a b/ü.yaml', true],
    ['', false],
    ['/etc/passwd', false],
    ['../x', false],
    ['content/../../x', false],
    ['content/./x', false],
    ['content//x', false],
    ['content/', false],
    ['content\\x', false],
    ['.git/config', false],
    ['content/.GIT/x', false],
    ['content/.git /x', false],
    ['content/a\u0000b', false],
    ['content/a\nb', false],
    ['content/a\u007fb', false],
  ])('%j -> %s', (path, safe) => {
    expect(isSafeFilePath(path)).toBe(safe);
  });

  it('reads "" and a trailing slash as directories, and nothing else unsafe', () => {
    expect(normalizeReadPath('')).toBe('');
    expect(normalizeReadPath('content/')).toBe('content');
    expect(normalizeReadPath('content//')).toBeNull();
    expect(normalizeReadPath('../')).toBeNull();
  });
});
