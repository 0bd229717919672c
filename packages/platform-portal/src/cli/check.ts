/**
 * `platform-portal check`: the site's configuration and content against their schemas and the
 * rules across files, without building the site: a pull request's check in seconds.
 */
import { parseArgs } from 'node:util';
import { checkSite, formatSiteCheck } from '../check/check-site.ts';
import { ContentConfigError } from '../check/site-schemas.ts';
import type { Site } from './site.ts';

export const CHECK_HELP = `Usage: platform-portal check
  Checks portal.config.ts and every file under content/ (schemas, and the rules across files such as
  a tenant's quota against its service's maximum) without building the site, and that the tenant
  owners' block of CODEOWNERS matches content/tenants/ ("platform-portal codeowners" writes it).
  Exits 1 on a problem.`;

export async function check(argv: string[], site: Site): Promise<number> {
  parseArgs({ args: argv, options: {} });
  const started = performance.now();
  try {
    const result = await checkSite(site.root);
    const report = formatSiteCheck(result);
    if (report) console[result.errors.length > 0 ? 'error' : 'warn'](report);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (result.errors.length === 0) console.log(`Checked portal.config.ts and ${result.files} content files in ${seconds} s: no problems.`);
    return result.errors.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ContentConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
