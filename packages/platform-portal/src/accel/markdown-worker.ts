/**
 * A second thread rendering docs pages' Markdown during content sync (see markdown-threads.ts).
 * Starlight's and Expressive Code's Markdown plugins are closures their integrations make in
 * `astro:config:setup`, so they cannot be sent here: this thread resolves the project's Astro
 * config and runs those hooks itself, as `astro build` does, then renders with the renderer Astro
 * makes from the result. These are Astro's own modules, not its public API (astro is pinned in
 * package.json); the main thread checks the first page against its own rendering.
 */
import { workerData } from 'node:worker_threads';
import { forwardLogs, serveJobs } from './job-worker.ts';
import type { MarkdownJob, MarkdownWorkerData, RenderedMarkdown } from './markdown-types.ts';

const { root, astro } = workerData as MarkdownWorkerData;
const internal = (file: string) => import(new URL(`dist/${file}`, astro).href);
const [{ resolveConfig }, { createSettings }, { runHookConfigSetup }, { AstroLogger }, { markdownContentEntryType }] = await Promise.all([
  internal('core/config/config.js'),
  internal('core/config/settings.js'),
  internal('integrations/hooks.js'),
  internal('core/logger/core.js'),
  internal('vite-plugin-markdown/content-entry-type.js'),
]);

const { astroConfig } = await resolveConfig({ root }, 'build');
// Errors only: the main thread has already said whatever the config hooks warn about.
const logger = new AstroLogger({ destination: forwardLogs, level: 'error' });
const settings = await runHookConfigSetup({ settings: await createSettings(astroConfig, 'error', root), command: 'build', logger });
const render: (entry: MarkdownJob) => Promise<RenderedMarkdown> = await markdownContentEntryType.getRenderFunction(settings.config);

serveJobs<MarkdownJob, RenderedMarkdown>((entry) => render(entry));
