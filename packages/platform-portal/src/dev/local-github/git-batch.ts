/**
 * Long-running git processes that answer requests in order: `git cat-file --batch-command`
 * (reads of refs, objects, trees) and `git mktree -z --batch` (tree writes). Spawning git costs
 * about 10 ms of the server's main thread; keeping these two open makes a read ~0.1 ms and lets
 * 50 parallel pull request flows finish in seconds. Writes that decide races (update-ref) still
 * run as their own processes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** Consumes one answer from the head of `buffer`, or returns null while it is incomplete. */
type Parser<T> = (buffer: Buffer) => { value: T; used: number } | null;

interface Pending {
  parse: Parser<unknown>;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class BatchProcess {
  readonly #args: string[];
  readonly #env: Record<string, string>;
  readonly #cwd: string;
  #child: ChildProcessWithoutNullStreams | undefined;
  #buffer = Buffer.alloc(0);
  #queue: Pending[] = [];
  #closed = false;

  constructor(args: string[], env: Record<string, string>, cwd: string) {
    this.#args = args;
    this.#env = env;
    this.#cwd = cwd;
  }

  #start(): ChildProcessWithoutNullStreams {
    const child = spawn('git', this.#args, { cwd: this.#cwd, env: this.#env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#drain();
    });
    child.stdin.on('error', () => {}); // reported through 'exit' below
    child.on('error', (error) => this.#fail(child, error));
    // 'close', not 'exit': by then all of stderr has been read, and callers match on it.
    child.on('close', (code) => this.#fail(child, new Error(`git ${this.#args.join(' ')} exited with ${code}: ${stderr.trim()}`)));
    return child;
  }

  #drain(): void {
    while (this.#queue.length > 0) {
      const head = this.#queue[0];
      const parsed = head?.parse(this.#buffer);
      if (!head || !parsed) return;
      this.#buffer = this.#buffer.subarray(parsed.used);
      this.#queue.shift();
      head.resolve(parsed.value);
    }
  }

  /** The process died: fail what was waiting; the next request starts a fresh process. */
  #fail(child: ChildProcessWithoutNullStreams, error: Error): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    this.#buffer = Buffer.alloc(0);
    const waiting = this.#queue;
    this.#queue = [];
    for (const pending of waiting) pending.reject(error);
  }

  request<T>(input: string | Buffer, parse: Parser<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new Error('The git batch process is closed.'));
    this.#child ??= this.#start();
    const child = this.#child;
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ parse, resolve: resolve as (value: unknown) => void, reject });
      child.stdin.write(input);
    });
  }

  close(): void {
    this.#closed = true;
    this.#child?.stdin.end();
    this.#child?.kill();
    this.#child = undefined;
  }
}

/** Parses one line ending in "\n" from the head of the buffer. */
function line(buffer: Buffer): { text: string; used: number } | null {
  const end = buffer.indexOf(0x0a);
  return end === -1 ? null : { text: buffer.subarray(0, end).toString('utf8'), used: end + 1 };
}

export interface ObjectInfo {
  sha: string;
  type: string;
  size: number;
}

/** Answer of `info <object>`: "<sha> <type> <size>" or "<object> missing|ambiguous|...". */
export const parseInfo: Parser<ObjectInfo | null> = (buffer) => {
  const head = line(buffer);
  if (!head) return null;
  const match = /^([0-9a-f]{40}) (\w+) (\d+)$/.exec(head.text);
  return { value: match ? { sha: match[1] ?? '', type: match[2] ?? '', size: Number(match[3]) } : null, used: head.used };
};

/** Answer of `contents <object>`: the header, then exactly <size> bytes and "\n". */
export const parseContents: Parser<{ info: ObjectInfo; data: Buffer } | null> = (buffer) => {
  const head = line(buffer);
  if (!head) return null;
  const match = /^([0-9a-f]{40}) (\w+) (\d+)$/.exec(head.text);
  if (!match) return { value: null, used: head.used };
  const size = Number(match[3]);
  if (buffer.length < head.used + size + 1) return null;
  const data = Buffer.from(buffer.subarray(head.used, head.used + size));
  return { value: { info: { sha: match[1] ?? '', type: match[2] ?? '', size }, data }, used: head.used + size + 1 };
};

/** Answer of `mktree --batch`: one tree sha per line. */
export const parseSha: Parser<string> = (buffer) => {
  const head = line(buffer);
  return head ? { value: head.text.trim(), used: head.used } : null;
};
