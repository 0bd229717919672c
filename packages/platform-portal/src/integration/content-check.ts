import { isMainThread } from 'node:worker_threads';
import type { AstroIntegrationLogger } from 'astro';
import { checkSite, formatSiteCheck } from '../check/check-site.ts';
import { userError } from './errors.ts';

/**
 * The content checked before Astro reads it, as `platform-portal check` checks it: every problem
 * named by file, field and fix, all at once. A build stops on an error; `astro dev` says it and
 * goes on (the page shows it too). The Markdown thread runs the config hooks again: not there.
 */
export async function checkContentFirst(root: string, command: string, logger: AstroIntegrationLogger): Promise<void> {
  if (!isMainThread) return;
  // CODEOWNERS is the pull request's check's concern, not the pages' (see SiteCheckOptions).
  const result = await checkSite(root, process.env, { codeowners: false });
  if (result.warnings.length > 0) logger.warn(formatSiteCheck({ ...result, errors: [] }));
  if (result.errors.length === 0) return;
  const report = formatSiteCheck({ ...result, warnings: [] });
  if (command === 'dev') logger.error(report);
  else throw userError('ContentError', report, 'Run `platform-portal check` to see the same list in a second, without a build.');
}
