import { Worker } from 'node:worker_threads';
import { rethrown, type LogEvent, type ThreadMessage } from './worker-protocol.ts';

/**
 * A module beside `from` (an import.meta.url), with the same extension: the worker threads load
 * their modules from src/ in the package's own tests and from dist/ once built.
 */
export function siblingModule(name: string, from: string): URL {
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}

/** Set to 1 to build on the main thread alone (Astro's own prerenderer and Markdown rendering). */
export const THREADS_VARIABLE = 'PORTAL_BUILD_THREADS';

export function buildThreadsEnabled(): boolean {
  return process.env[THREADS_VARIABLE] !== '1';
}

/**
 * A worker thread that takes jobs from the build's main thread and answers each one (see
 * job-worker.ts for its side). The main thread keeps a few jobs queued there, so that the thread
 * never waits on a busy main thread for work.
 */
export class JobThread<Job, Result> {
  #worker: Worker;
  #pending = new Map<number, { resolve: (result: Result | undefined) => void; reject: (error: Error) => void }>();
  #next = 0;
  #failure: Error | undefined;

  constructor(options: { file: URL; name: string; data: unknown; log: (event: LogEvent) => void }) {
    const { file, name, data, log } = options;
    // Jobs sent before the thread has loaded wait in its port until it listens.
    this.#worker = new Worker(file, { workerData: data, name });
    this.#worker.on('message', (message: ThreadMessage<Result>) => {
      if ('log' in message) return log(message.log);
      const job = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if ('result' in message) job?.resolve(message.result);
      else if ('needsMainThread' in message) job?.resolve(undefined);
      else job?.reject(rethrown(message.error, `the ${name} thread`));
    });
    const fail = (error: Error) => {
      this.#failure ??= new Error(`The ${name} thread stopped: ${error.message}`, { cause: error });
      for (const job of this.#pending.values()) job.reject(this.#failure);
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`it exited with code ${code}`)));
  }

  /** Why the thread stopped, once it has: its jobs are then for the main thread. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Jobs sent and not answered yet. */
  get queued(): number {
    return this.#pending.size;
  }

  /** The job's result, or undefined when the job needs the main thread. */
  run(job: Job): Promise<Result | undefined> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, job });
    });
  }

  async stop(): Promise<void> {
    this.#worker.removeAllListeners('exit');
    await this.#worker.terminate();
  }
}
