import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The script of a package's command, found the way Node finds the package from `from`: npm links
 * only a site's direct dependencies into node_modules/.bin, and wrangler is the portal's.
 */
export function binScript(packageName: string, command: string, from: string): string {
  const manifest = createRequire(from).resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf-8')) as { bin?: string | Record<string, string> };
  const relative = typeof bin === 'string' ? bin : bin?.[command];
  if (!relative) throw new Error(`${packageName} has no command ${command}.`);
  return path.join(path.dirname(manifest), relative);
}

/** `astro`, as the site at `root` has it. */
export const astroBin = (root: string) => binScript('astro', 'astro', path.join(root, 'package.json'));
/** `wrangler`, the portal's own. */
export const wranglerBin = () => binScript('wrangler', 'wrangler', import.meta.filename);
