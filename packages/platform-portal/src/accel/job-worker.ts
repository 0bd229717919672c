import { parentPort } from 'node:worker_threads';
import { threadError, type LogEvent, type ThreadMessage } from './worker-protocol.ts';

/** Returned by a job handler when the job has to be done on the main thread instead. */
export const NEEDS_MAIN_THREAD = Symbol('needs the main thread');

function port() {
  if (!parentPort) throw new Error('This module runs in a worker thread started by the build (see job-thread.ts).');
  return parentPort;
}

/** Astro's logger destination in a worker: events go to the main thread's logger. */
export const forwardLogs = { write: (event: LogEvent) => port().postMessage({ log: event } satisfies ThreadMessage<never>) };

/**
 * Answers the main thread's jobs as they come, several at a time: a page render waits on files now
 * and then, and another job uses the thread meanwhile (the main thread bounds how many it sends).
 * `transfer` lists the buffers of a result that move to the main thread instead of being copied.
 */
export function serveJobs<Job, Result>(
  handle: (job: Job) => Promise<Result | typeof NEEDS_MAIN_THREAD>,
  transfer: (result: Result) => ArrayBuffer[] = () => [],
): void {
  const messages = port();
  messages.on('message', async ({ id, job }: { id: number; job: Job }) => {
    try {
      const result = await handle(job);
      if (result === NEEDS_MAIN_THREAD) messages.postMessage({ id, needsMainThread: true } satisfies ThreadMessage<Result>);
      else messages.postMessage({ id, result } satisfies ThreadMessage<Result>, transfer(result));
    } catch (error) {
      messages.postMessage({ id, error: threadError(error) } satisfies ThreadMessage<Result>);
    }
  });
}
