/**
 * Writes through long-running git processes: objects with `git hash-object -w --stdin-paths`
 * and reference moves with `git update-ref --stdin` transactions ("start / update <ref> <new>
 * <old> / commit"). Each transaction is git's own compare-and-swap: when the ref no longer holds
 * <old>, git refuses it (and that process exits; the next transaction starts a fresh one).
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BatchProcess, parseSha } from './git-batch.ts';
import type { Identity } from './git.ts';

/** What git says when a transaction lost its compare-and-swap (or another writer held the lock). */
const LOST_RACE = /cannot lock ref|but expected|reference already exists|unable to resolve reference|Unable to create .*\.lock|is at [0-9a-f]+ but/;

const parseTransaction = (buffer: Buffer) => {
  const text = buffer.toString('utf8');
  const end = text.indexOf('commit: ok\n');
  return end === -1 ? null : { value: true, used: Buffer.byteLength(text.slice(0, end + 'commit: ok\n'.length)) };
};

export class RefUpdater {
  readonly #process: BatchProcess;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(env: Record<string, string>, cwd: string) {
    this.#process = new BatchProcess(['update-ref', '-m', 'local-github', '--stdin'], env, cwd);
  }

  /**
   * Moves `ref` to `next` (null: deletes it) only if it holds `expected` (the zero id: only if
   * it does not exist). False when it did not. One transaction at a time, so a refused one
   * never takes others down with its process.
   */
  update(ref: string, next: string | null, expected: string): Promise<boolean> {
    const command = next === null ? `delete ${ref} ${expected}` : `update ${ref} ${next} ${expected}`;
    const run = async () => {
      try {
        return await this.#process.request(`start\n${command}\ncommit\n`, parseTransaction);
      } catch (error) {
        if (LOST_RACE.test(String((error as Error).message))) return false;
        throw error;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  close(): void {
    this.#process.close();
  }
}

/** "@1700000000 +0000" (git's internal form), or anything Date.parse reads (ISO 8601). */
function gitDate(date: string | undefined, fallback: string | undefined): string {
  const text = date ?? fallback;
  const internal = text === undefined ? null : /^@?(\d+)(?: ([+-]\d{4}))?$/.exec(text.trim());
  if (internal) return `${internal[1]} ${internal[2] ?? '+0000'}`;
  const parsed = text === undefined ? Number.NaN : Date.parse(text);
  const millis = Number.isNaN(parsed) ? Date.now() : parsed;
  return `${Math.floor(millis / 1000)} +0000`;
}

/** Git drops these from identities too; a name must not end the header line early. */
const clean = (text: string) => text.replace(/[<>\n\0]/g, '').trim();

/** A commit object's text, as `git commit-tree` would write it. */
export function formatCommit(tree: string, parents: string[], message: string, author: Identity, committer: Identity): string {
  const line = (role: string, who: Identity, fallback: string | undefined) =>
    `${role} ${clean(who.name)} <${clean(who.email)}> ${gitDate(who.date, fallback)}\n`;
  const body = message.replace(/\0/g, '');
  return (
    `tree ${tree}\n` +
    parents.map((parent) => `parent ${parent}\n`).join('') +
    line('author', author, process.env.GIT_AUTHOR_DATE) +
    line('committer', committer, process.env.GIT_COMMITTER_DATE) +
    `\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`
  );
}

/** Writes blobs and commits; content goes through a temporary file git reads by path. */
export class ObjectWriter {
  readonly #repoPath: string;
  readonly #blobs: BatchProcess;
  readonly #commits: BatchProcess;

  constructor(env: Record<string, string>, repoPath: string) {
    this.#repoPath = repoPath;
    this.#blobs = new BatchProcess(['hash-object', '-w', '--no-filters', '--stdin-paths'], env, repoPath);
    this.#commits = new BatchProcess(['hash-object', '-w', '-t', 'commit', '--stdin-paths'], env, repoPath);
  }

  async #write(process: BatchProcess, content: Buffer | string): Promise<string> {
    const file = join(this.#repoPath, `tmp-object-${randomUUID()}`);
    await writeFile(file, content);
    try {
      return await process.request(`${file}\n`, parseSha);
    } finally {
      await rm(file, { force: true });
    }
  }

  blob(content: Buffer): Promise<string> {
    return this.#write(this.#blobs, content);
  }

  commit(text: string): Promise<string> {
    return this.#write(this.#commits, text);
  }

  close(): void {
    this.#blobs.close();
    this.#commits.close();
  }
}
