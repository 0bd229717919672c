import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeownersLocation } from '../lib/codeowners.ts';

/** A file of the site as the build reads it, for a page's preview of a change to it. */
export interface SiteFile {
  path: string;
  content: string;
}

/**
 * The site's CODEOWNERS as the build sees it (the first of GitHub's locations that exists), so
 * that the onboarding form previews the line its pull request adds; undefined when there is none.
 */
export function codeownersFile(cwd = process.cwd()): SiteFile | undefined {
  const at = codeownersLocation((p) => existsSync(path.join(cwd, p)));
  return existsSync(path.join(cwd, at)) ? { path: at, content: readFileSync(path.join(cwd, at), 'utf-8') } : undefined;
}
