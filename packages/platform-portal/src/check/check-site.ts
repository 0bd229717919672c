import { contentDir } from '../collections/layout.ts';
import { loadPortalConfig } from '../config/load.ts';
import { requestFormProblems } from '../config/request-forms.ts';
import { formPages } from '../integration/routes.ts';
import { formatProblem, isWarning, type Problem } from '../lib/problems.ts';
import { checkContent } from './check-content.ts';
import { codeownersProblems, tenantOwners } from './codeowners.ts';
import { readContent } from './read-content.ts';
import { loadSiteSchemas } from './site-schemas.ts';

export interface SiteCheck {
  errors: Problem[];
  warnings: Problem[];
  /** Files read. */
  files: number;
}

export interface SiteCheckOptions {
  /**
   * Whether the CODEOWNERS block of the tenants' owners is checked too (when the config keeps one):
   * `platform-portal check` does, a build does not. A pull request's check is where a stale block
   * must stop; a deployment built from the base branch has nothing to fix there, and a local build
   * of the base branch's content (`platform-portal start`) has no CODEOWNERS of that branch beside it.
   */
  codeowners?: boolean;
}

/** The site's configuration and content, checked as a build checks them, in a fraction of its time. */
export async function checkSite(root: string, env: Record<string, string | undefined> = process.env, options: SiteCheckOptions = {}): Promise<SiteCheck> {
  const [config, schemas] = await Promise.all([loadPortalConfig(root), loadSiteSchemas(root)]);
  const { entries, problems: unreadable } = readContent(root, contentDir(env));
  const problems = [...requestFormProblems(config, { root, formPages: formPages() }), ...unreadable, ...checkContent(entries, schemas, { themes: config.themes, approvers: config.campaigns.approvers })];
  // Only on valid content: a tenant file that does not parse is already named, and its lines would only follow from it.
  if ((options.codeowners ?? true) && config.requests.codeowners && !problems.some((p) => !isWarning(p))) {
    const { tenants, problems: unowned } = tenantOwners(entries);
    problems.push(...(unowned.length > 0 ? unowned : codeownersProblems(root, tenants)));
  }
  return { errors: problems.filter((p) => !isWarning(p)), warnings: problems.filter(isWarning), files: entries.length + unreadable.length };
}

/** The report a person reads: every problem on a line of its own, file → field: what and the fix. */
export function formatSiteCheck({ errors, warnings }: SiteCheck): string {
  const lines: string[] = [];
  if (errors.length > 0) lines.push(`The content has ${errors.length} problem(s):`, ...errors.map((p) => `  - ${formatProblem(p)}`));
  if (warnings.length > 0) lines.push(`${warnings.length} warning(s), which stop nothing:`, ...warnings.map((p) => `  - ${formatProblem(p)}`));
  return lines.join('\n');
}
