/**
 * Git plumbing over a bare repository, through the real `git` CLI (spawned with an argument
 * list, never a shell string). Writes build objects first and then move a reference with
 * `git update-ref <ref> <new> <old>`: git's compare-and-swap is what makes concurrent writers
 * safe, not any lock in this process. Reads and tree writes go through two long-running batch
 * processes (git-batch.ts).
 */
import { spawn } from 'node:child_process';
import { devNull } from 'node:os';
import { BatchProcess, parseContents, parseInfo, parseSha, type ObjectInfo } from './git-batch.ts';
import { changeTree, mktreeInput, parseTree, type RawEntry } from './git-trees.ts';
import { formatCommit, ObjectWriter, RefUpdater } from './git-writers.ts';

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
  readonly #reader: BatchProcess;
  readonly #treeWriter: BatchProcess;
  readonly #objects: ObjectWriter;
  readonly #refs: RefUpdater;

  constructor(repoPath: string) {
    this.repoPath = repoPath;
    this.#env = baseEnv(repoPath);
    this.#reader = new BatchProcess(['cat-file', '--batch-command'], this.#env, repoPath);
    this.#treeWriter = new BatchProcess(['mktree', '-z', '--batch'], this.#env, repoPath);
    this.#objects = new ObjectWriter(this.#env, repoPath);
    this.#refs = new RefUpdater(this.#env, repoPath);
  }

  /** Stops the long-running git processes. */
  close(): void {
    this.#reader.close();
    this.#treeWriter.close();
    this.#objects.close();
    this.#refs.close();
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

  /** Type and size of what `name` (sha, full ref, "<commit>:<path>") names, or null. */
  async info(name: string): Promise<ObjectInfo | null> {
    if (/[\n\0]/.test(name)) return null;
    return this.#reader.request(`info ${name}\n`, parseInfo);
  }

  async #contents(name: string): Promise<{ info: ObjectInfo; data: Buffer } | null> {
    if (/[\n\0]/.test(name)) return null;
    return this.#reader.request(`contents ${name}\n`, parseContents);
  }

  /** Whether git would accept a full ref name (the server checks names in JS; tests compare). */
  async checkRefFormat(fullRef: string): Promise<boolean> {
    return (await this.run(['check-ref-format', fullRef])).code === 0;
  }

  /** The object a full ref name (refs/heads/x) points at, or null when there is no such ref. */
  async refSha(fullRef: string): Promise<string | null> {
    if (!fullRef.startsWith('refs/')) return null;
    return (await this.info(fullRef))?.sha ?? null;
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

  /** Whether a 40-hex sha names a commit (or a tag of one). */
  async commitExists(sha: string): Promise<boolean> {
    return SHA_PATTERN.test(sha) && (await this.info(`${sha}^{commit}`)) !== null;
  }

  async objectType(sha: string): Promise<string | null> {
    return SHA_PATTERN.test(sha) ? ((await this.info(sha))?.type ?? null) : null;
  }

  /**
   * Compare-and-swap a reference: moves `ref` to `next` only if it still points at `expected`
   * (ZERO_OID: only if it does not exist; null: delete). False when someone else won the race.
   */
  async updateRef(ref: string, next: string | null, expected: string): Promise<boolean> {
    if (/[\s\0]/.test(ref)) return false;
    return this.#refs.update(ref, next, expected);
  }

  async hashBlob(content: Buffer): Promise<string> {
    return this.#objects.blob(content);
  }

  async readBlob(sha: string): Promise<Buffer> {
    const object = await this.#contents(sha);
    if (!object || object.info.type !== 'blob') throw new Error(`${sha} is not a blob.`);
    return object.data;
  }

  async readTree(tree: string): Promise<RawEntry[]> {
    const object = await this.#contents(tree);
    if (!object || object.info.type !== 'tree') throw new Error(`${tree} is not a tree.`);
    return parseTree(object.data);
  }

  async writeTree(entries: readonly RawEntry[]): Promise<string> {
    return this.#treeWriter.request(mktreeInput(entries), parseSha);
  }

  /** The entry at `path` in `commit` (the root tree for ''), or null when nothing is there. */
  async entry(commit: string, path: string): Promise<TreeEntry | null> {
    if (path === '') {
      const root = await this.info(`${commit}^{tree}`);
      return root ? { mode: '040000', type: 'tree', sha: root.sha, size: 0, path: '' } : null;
    }
    const slash = path.lastIndexOf('/');
    const found = (await this.#entries(commit, slash === -1 ? '' : path.slice(0, slash))).find(
      (entry) => entry.name === path.slice(slash + 1),
    );
    return found ? this.#withSize(found, path) : null;
  }

  /** Entries directly inside directory `dir` ('' for the root) of `commit`; [] when it is none. */
  async listDirectory(commit: string, dir: string): Promise<TreeEntry[]> {
    const entries = await this.#entries(commit, dir);
    return Promise.all(entries.map((entry) => this.#withSize(entry, dir === '' ? entry.name : `${dir}/${entry.name}`)));
  }

  async #entries(commit: string, dir: string): Promise<RawEntry[]> {
    const tree = await this.info(dir === '' ? `${commit}^{tree}` : `${commit}:${dir}`);
    return tree?.type === 'tree' ? this.readTree(tree.sha) : [];
  }

  async #withSize(entry: RawEntry, path: string): Promise<TreeEntry> {
    const size = entry.type === 'blob' ? ((await this.info(entry.sha))?.size ?? 0) : 0;
    return { mode: entry.mode, type: entry.type, sha: entry.sha, size, path };
  }

  /** The tree of `commit` with `path` set to `blob` (or removed, for null); no index involved. */
  async treeWithChange(commit: string, path: string, blob: string | null, mode: string): Promise<string> {
    const root = await this.info(`${commit}^{tree}`);
    if (!root) throw new Error(`${commit} has no tree.`);
    return changeTree(this, root.sha, path, blob, mode);
  }

  /** Writes a commit object (what `git commit-tree` does, without a process per commit). */
  async commitTree(tree: string, parents: string[], message: string, author: Identity, committer: Identity): Promise<string> {
    return this.#objects.commit(formatCommit(tree, parents, message, author, committer));
  }

  async commitInfo(sha: string): Promise<CommitInfo> {
    const object = await this.#contents(sha);
    if (!object || object.info.type !== 'commit') throw new Error(`${sha} is not a commit.`);
    const raw = object.data.toString('utf8');
    const split = raw.indexOf('\n\n');
    const headers = (split === -1 ? raw : raw.slice(0, split)).split('\n');
    const field = (name: string) => headers.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
    return {
      sha,
      tree: field('tree')[0] ?? '',
      parents: field('parent'),
      author: parseIdentityLine(field('author')[0] ?? ''),
      committer: parseIdentityLine(field('committer')[0] ?? ''),
      message: split === -1 ? '' : raw.slice(split + 2).replace(/\n$/, ''),
    };
  }
}
