import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import type { AstroConfig } from 'astro';
import type { LoaderContext } from 'astro/loaders';
import { buildThreadsEnabled, JobThread, siblingModule } from './job-thread.ts';
import type { MarkdownJob, MarkdownWorkerData, RenderedMarkdown } from './markdown-types.ts';

type Render = (entry: MarkdownJob) => Promise<RenderedMarkdown>;

/** The part of Astro's content entry types (its loaders' `entryTypes`, by file extension) used here. */
interface EntryType {
  getRenderFunction?(config: AstroConfig): Promise<Render>;
}
export type EntryTypes = Map<string, EntryType>;

/**
 * Entries the main thread keeps queued on the Markdown thread: enough that the thread has the next
 * one while the main thread is busy with one of its own (three left it idle, at ~40% of pages).
 */
const QUEUED = 6;

type MarkdownThread = JobThread<MarkdownJob, RenderedMarkdown>;

/**
 * The thread started ahead of content sync. The build integration (loaded by Astro's config
 * loader) and the docs loader (loaded by Vite's module runner) are separate module instances in
 * one process, so they hand the thread over through a global.
 */
const STARTED = Symbol.for('platform-portal.markdown-thread');
const started = globalThis as { [STARTED]?: MarkdownThread };

/** Where the thread's errors are said (it forwards errors only: see markdown-worker.ts). */
type ErrorLogger = { error(message: string): void };

function newThread(config: AstroConfig, logger: ErrorLogger): MarkdownThread {
  const astroPackage = createRequire(import.meta.url).resolve('astro/package.json');
  const data: MarkdownWorkerData = { root: fileURLToPath(config.root), astro: new URL('./', pathToFileURL(astroPackage)).href };
  return new JobThread({ file: siblingModule('markdown-worker', import.meta.url), name: 'Markdown', data, log: (event) => logger.error(event.message) });
}

/**
 * Starts the Markdown thread when `astro build` begins with no content cache, so that the ~2 s it
 * takes to resolve the config overlap Astro's own start-up; with a cache, the docs loader starts
 * one only if a page changed. The docs loader stops it; stopStartedMarkdownThread() is for a build
 * whose loader never rendered.
 */
export function startMarkdownThread(config: AstroConfig, logger: ErrorLogger): void {
  // The Markdown thread runs this project's config hooks too: it starts no thread of its own.
  if (!isMainThread || !buildThreadsEnabled() || existsSync(new URL('data-store.json', config.cacheDir))) return;
  started[STARTED] ??= newThread(config, logger);
}

export async function stopStartedMarkdownThread(): Promise<void> {
  const thread = started[STARTED];
  delete started[STARTED];
  await thread?.stop();
}

/**
 * Markdown rendered on two threads during a build's content sync: the glob loader renders up to
 * ten entries at a time, and while the Markdown thread (markdown-worker.ts) has fewer than QUEUED
 * waiting, the next goes there; the main thread renders the rest. Rendering Markdown and
 * highlighting code is most of content sync (~7 ms a page); at 1,000 pages the thread takes about
 * half of them and content sync ~2.5 s less (the second core was already partly busy before).
 * The thread is started ahead (startMarkdownThread) or with the first entry to render, so a build
 * whose pages are all cached starts none. That first entry is rendered on both threads: if the
 * HTML differs (the thread resolves the Astro config anew, and a CLI flag such as --config would
 * not reach it), a warning says so and the main thread renders the rest. In `astro dev` (a loader
 * with a watcher) nothing changes.
 */
export function markdownOnTwoThreads(context: LoaderContext): { entryTypes: EntryTypes | undefined; stop(): Promise<void> } {
  const entryTypes = (context as LoaderContext & { entryTypes?: EntryTypes }).entryTypes;
  const markdown = entryTypes?.get('.md');
  if (!entryTypes || !markdown?.getRenderFunction || context.watcher || !buildThreadsEnabled()) {
    return { entryTypes, stop: async () => {} };
  }
  const { logger } = context;
  let thread: MarkdownThread | undefined;
  let sameOutput: Promise<boolean> = Promise.resolve(false);
  let warned = false;
  const rendered = { thread: 0, main: 0 };
  const mainThreadOnly = (why: string) => {
    if (!warned) logger.warn(`${why}: Markdown renders on the main thread alone for the rest of this build.`);
    warned = true;
  };
  const compare = async (file: string | undefined, there: Promise<RenderedMarkdown | undefined>, here: Promise<RenderedMarkdown>) => {
    try {
      const [theirs, mine] = await Promise.all([there, here]);
      if (theirs?.html === mine.html) return true;
      mainThreadOnly(`The Markdown thread rendered ${file} differently from the main thread`);
    } catch (error) {
      mainThreadOnly(`${file} could not be rendered on both threads to compare them (${error instanceof Error ? error.message : String(error)})`);
    }
    return false;
  };

  const twoThreads = (local: Render): Render => async (entry) => {
    const job: MarkdownJob = { id: entry.id, data: entry.data, body: entry.body, filePath: entry.filePath, digest: entry.digest };
    if (!thread) {
      thread = started[STARTED] ?? newThread(context.config, logger);
      delete started[STARTED];
      const here = local(entry);
      sameOutput = compare(entry.filePath, thread.run(job), here);
      rendered.main++;
      return here;
    }
    if (!warned && thread.queued < QUEUED) {
      try {
        const there = await thread.run(job);
        if (there && (await sameOutput)) {
          rendered.thread++;
          return there;
        }
      } catch (error) {
        if (!thread.failure) throw error;
        mainThreadOnly(thread.failure.message);
      }
    }
    rendered.main++;
    return local(entry);
  };

  const types = new Map(entryTypes);
  types.set('.md', { ...markdown, getRenderFunction: async (config) => twoThreads(await markdown.getRenderFunction!(config)) });
  return {
    entryTypes: types,
    stop: async () => {
      if (!thread) return;
      logger.info(`Rendered ${rendered.thread + rendered.main} Markdown pages: ${rendered.thread} on a second thread, ${rendered.main} on the main thread.`);
      await thread.stop();
    },
  };
}
