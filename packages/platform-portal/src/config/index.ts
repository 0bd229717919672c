/**
 * `platform-portal/config`: what a site's portal.config.ts imports. The site's configuration is
 * checked here, when the file is loaded (by the build, the functions and the CLI alike), and a
 * mistake stops all three with the field and the fix.
 */
import { formatProblems, problemsFromZod } from '../lib/problems.ts';
import { PortalConfigSchema, type PortalConfig, type PortalConfigInput } from '../schemas/site-config.ts';

export type { PortalConfig, PortalConfigInput };

/** The name the configuration's errors give the file; sites keep it at their root. */
export const CONFIG_FILE = 'portal.config.ts';

/** Thrown for a configuration that does not fit the schema; its message lists every field. */
export class PortalConfigError extends Error {
  override name = 'PortalConfigError';
}

/**
 * Checks a site's configuration and fills in the defaults:
 * `export default definePortalConfig({ title: 'Acme Platform', ... })`.
 */
export function definePortalConfig(config: PortalConfigInput): PortalConfig {
  const parsed = PortalConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const problems = problemsFromZod(parsed.error, { file: CONFIG_FILE, schema: PortalConfigSchema });
  throw new PortalConfigError(formatProblems(`${CONFIG_FILE} has ${problems.length} problem(s):`, problems));
}
