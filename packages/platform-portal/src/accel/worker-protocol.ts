/**
 * The messages between the build's main thread and the threads that render pages or Markdown for
 * it (see parallel-prerender.ts and markdown-threads.ts). Everything here crosses a thread
 * boundary, so it is plain data: no functions, no URL objects.
 */

/** A log event of Astro's logger, forwarded to the main thread's logger. */
export interface LogEvent {
  level: string;
  label: string | null;
  message: string;
  newLine: boolean;
}

/** An error thrown on another thread, with what is needed to throw it again on the main one. */
export interface ThreadError {
  message: string;
  stack?: string;
}

export type ThreadReply<T> =
  | { id: number; result: T }
  | { id: number; error: ThreadError }
  /** The job needs the main thread (for example a page that has Astro optimise an image). */
  | { id: number; needsMainThread: true };

export type ThreadMessage<T> = ThreadReply<T> | { log: LogEvent };

export function threadError(error: unknown): ThreadError {
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

/** An Error on the main thread that reads like the one thrown on the other thread. */
export function rethrown(error: ThreadError, where: string): Error {
  const copy = new Error(`${error.message} (on ${where})`);
  if (error.stack) copy.stack = `${copy.message}\n${error.stack.split('\n').slice(1).join('\n')}`;
  return copy;
}
