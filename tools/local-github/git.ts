/**
 * Git plumbing over a bare repository, through the real `git` CLI (spawned with an argument
 * list, never a shell string). Writes build objects first and then move a reference with
 * `git update-ref <ref> <new> <old>`: git's compare-and-swap is what makes concurrent writers
 * safe, not any lock in this process.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join } from 'node:path';

export const ZERO_OID = '0000000000000000000000000000000000000000';
export const SHA_PATTERN = /^[0-9a-f]{40}$/;

export interface Identity {
  name: string;
  email: string;
  /** ISO 8601; when absent git uses GIT_AUTHOR_DATE / GIT_COMMITTER_DATE from the environment, or now. */
  date?: string;
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  /** Blob size in bytes; 0 for trees and submodules. */
  size: number;
  path: string;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Required<Identity>;
  committer: Required<Identity>;
  message: string;
}

interface RunOptions {
  input?: Buffer | string;
  env?: Record<string, string>;
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class GitCommandError extends Error {
  readonly code: number;
  readonly stderr: string;
  constructor(args: readonly string[], result: RunResult) {
    super(`git ${args.join(' ')} exited with ${result.code}: ${result.stderr.trim()}`);
    this.name = 'GitCommandError';
    this.code = result.code;
    this.stderr = result.stderr;
  }
}

/** A user's global git config (signing, hooks, aliases) must not change what the server writes. */
function baseEnv(repoPath: string): Record<string, string> {
  const keep = new Set(['GIT_AUTHOR_DATE', 'GIT_COMMITTER_DATE']);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (!key.startsWith('GIT_') || keep.has(key))) env[key] = value;
  }
  return {
    ...env,
    GIT_DIR: repoPath,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_LITERAL_PATHSPECS: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
  };
}

/** Bounds the number of git processes alive at once, so 50 parallel requests do not fork 400. */
class Semaphore {
  #free: number;
  #waiting: Array<() => void> = [];
  constructor(size: number) {
    this.#free = size;
  }
  async use<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free -= 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free += 1;
    }
  }
}

function identityEnv(role: 'AUTHOR' | 'COMMITTER', who: Identity): Record<string, string> {
  return {
    [`GIT_${role}_NAME`]: who.name,
    [`GIT_${role}_EMAIL`]: who.email,
    ...(who.date ? { [`GIT_${role}_DATE`]: who.date } : {}),
  };
}

/** "Name <email> 1700000000 +0100" -> identity with an ISO date in UTC, as GitHub shows it. */
function parseIdentityLine(line: string): Required<Identity> {
  const match = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!match) return { name: line, email: '', date: new Date(0).toISOString() };
  const date = new Date(Number(match[3]) * 1000).toISOString().replace('.000Z', 'Z');
  return { name: match[1] ?? '', email: match[2] ?? '', date };
}

export class Git {
  readonly repoPath: string;
  readonly #env: Record<string, string>;
  readonly #slots = new Semaphore(16);

  constructor(repoPath: string) {
    this.repoPath = repoPath;
    this.#env = baseEnv(repoPath);
  }

  /** Runs git; never throws for a non-zero exit (callers decide what a failure means). */
  run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    return this.#slots.use(
      () =>
        new Promise((resolve, reject) => {
          const child = spawn('git', args, {
            cwd: this.repoPath,
            env: { ...this.#env, ...options.env },
            stdio: ['pipe', 'pipe', 'pipe'],
          });
          const out: Buffer[] = [];
          const err: Buffer[] = [];
          child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
          child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
          child.on('error', reject);
          child.stdin.on('error', () => {}); // git may exit before reading all input
          child.on('close', (code) =>
            resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
          );
          child.stdin.end(options.input ?? '');
        }),
    );
  }

  /** Runs git and returns trimmed stdout; throws GitCommandError on a non-zero exit. */
  async text(args: readonly string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(args, options);
    if (result.code !== 0) throw new GitCommandError(args, result);
    return result.stdout.toString('utf8').trim();
  }

  async checkRefFormat(fullRef: string): Promise<boolean> {
    return (await this.run(['check-ref-format', fullRef])).code === 0;
  }

  /** The object a full ref name points at, or null when there is no such ref. */
  async refSha(fullRef: string): Promise<string | null> {
    const result = await this.run(['show-ref', '--verify', fullRef]);
    if (result.code !== 0) return null;
    return result.stdout.toString('utf8').split(' ')[0] ?? null;
  }

  async listRefs(): Promise<Array<{ ref: string; sha: string; type: string }>> {
    const out = await this.text(['for-each-ref', '--format=%(objectname) %(objecttype) %(refname)']);
    return out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha = '', type = '', ref = ''] = line.split(' ');
        return { ref, sha, type };
      });
  }

  /** The commit a 40-hex sha names, or null. */
  async commitExists(sha: string): Promise<boolean> {
    if (!SHA_PATTERN.test(sha)) return false;
    return (await this.run(['cat-file', '-e', `${sha}^{commit}`])).code === 0;
  }

  async objectType(sha: string): Promise<string | null> {
    if (!SHA_PATTERN.test(sha)) return null;
    const result = await this.run(['cat-file', '-t', sha]);
    return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
  }

  /**
   * Compare-and-swap a reference: moves `ref` to `next` only if it still points at `expected`
   * (ZERO_OID: only if it does not exist; null: delete). False when someone else won the race.
   */
  async updateRef(ref: string, next: string | null, expected: string, reason: string): Promise<boolean> {
    const args = next === null ? ['update-ref', '-m', reason, '-d', ref, expected] : ['update-ref', '-m', reason, ref, next, expected];
    return (await this.run(args)).code === 0;
  }

  async hashBlob(content: Buffer): Promise<string> {
    return this.text(['hash-object', '-w', '--stdin'], { input: content });
  }

  async readBlob(sha: string): Promise<Buffer> {
    const result = await this.run(['cat-file', 'blob', sha]);
    if (result.code !== 0) throw new GitCommandError(['cat-file', 'blob', sha], result);
    return result.stdout;
  }

  /** The entry at `path` in `commit` (the root tree for ''), or null when nothing is there. */
  async entry(commit: string, path: string): Promise<TreeEntry | null> {
    if (path === '') {
      const tree = await this.text(['rev-parse', `${commit}^{tree}`]);
      return { mode: '040000', type: 'tree', sha: tree, size: 0, path: '' };
    }
    return (await this.#lsTree(commit, path))[0] ?? null;
  }

  /** Entries directly inside directory `dir` ('' for the root) of `commit`. */
  async listDirectory(commit: string, dir: string): Promise<TreeEntry[]> {
    return this.#lsTree(commit, dir === '' ? undefined : `${dir}/`);
  }

  async #lsTree(commit: string, path: string | undefined): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-z', '-l', '--full-tree', commit, ...(path === undefined ? [] : ['--', path])];
    const out = await this.text(args);
    return out
      .split('\0')
      .filter(Boolean)
      .map((record) => {
        const tab = record.indexOf('\t');
        const [mode = '', type = '', sha = '', size = ''] = record.slice(0, tab).split(/\s+/);
        return { mode, type: type as TreeEntry['type'], sha, size: Number(size) || 0, path: record.slice(tab + 1) };
      });
  }

  /**
   * A tree equal to `commit`'s with `path` set to `blob` (or removed, for null), built in a
   * throw-away index file so concurrent writers never share an index.
   */
  async treeWithChange(commit: string, path: string, blob: string | null, mode: string): Promise<string> {
    const index = join(this.repoPath, `tmp-index-${randomUUID()}`);
    const env = { GIT_INDEX_FILE: index };
    try {
      await this.text(['read-tree', commit], { env });
      const change = blob === null ? ['--force-remove', '--', path] : ['--add', '--cacheinfo', `${mode},${blob},${path}`];
      await this.text(['update-index', ...change], { env });
      return await this.text(['write-tree'], { env });
    } finally {
      await rm(index, { force: true });
    }
  }

  async commitTree(tree: string, parents: string[], message: string, author: Identity, committer: Identity): Promise<string> {
    const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent])];
    return this.text(args, {
      input: message,
      env: { ...identityEnv('AUTHOR', author), ...identityEnv('COMMITTER', committer) },
    });
  }

  async commitInfo(sha: string): Promise<CommitInfo> {
    const raw = await this.text(['cat-file', 'commit', sha]);
    const split = raw.indexOf('\n\n');
    const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
    const field = (name: string) => headers.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
    return {
      sha,
      tree: field('tree')[0] ?? '',
      parents: field('parent'),
      author: parseIdentityLine(field('author')[0] ?? ''),
      committer: parseIdentityLine(field('committer')[0] ?? ''),
      message: split === -1 ? '' : raw.slice(split + 2),
    };
  }
}
