/**
 * `platform-portal codeowners [--check]`: the tenant owners' block of the repository's CODEOWNERS,
 * written from content/tenants/ (or, with --check, compared with it). Exits 1 when --check finds the
 * file out of date or a tenant's owners cannot be read, 2 on bad arguments.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { codeownersProblem, codeownersState, tenantOwners } from '../check/codeowners.ts';
import { readContent } from '../check/read-content.ts';
import { CONTENT_KINDS, contentDir } from '../collections/layout.ts';
import { CodeownersError } from '../lib/codeowners.ts';
import { formatProblem, formatProblems } from '../lib/problems.ts';
import type { Site } from './site.ts';

export const CODEOWNERS_HELP = `Usage: platform-portal codeowners [--check]
  Writes the tenant owners' block of the repository's CODEOWNERS from content/tenants/: each tenant's
  owners become the code owners of its file, so GitHub asks them to review every change to it (and,
  with "Require review from Code Owners", needs one of them to approve it). The file is the first of
  .github/CODEOWNERS, CODEOWNERS and docs/CODEOWNERS that exists, as GitHub looks, else
  .github/CODEOWNERS. The team's own lines stay as they are, above the block: GitHub applies the last
  pattern that matches a file. "platform-portal check" fails while the block is out of date.
  --check   change nothing; exit 1 when the file is missing or out of date`;

export async function codeowners(argv: string[], site: Site, env: Record<string, string | undefined> = process.env): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { check: { type: 'boolean', default: false } } });
  if (!(await site.config()).requests.codeowners) {
    console.log('requests.codeowners is false in portal.config.ts: the portal keeps no block in CODEOWNERS, so there is nothing to write or check.');
    return 0;
  }
  const folder = contentDir(env);
  const { entries, problems: unreadable } = readContent(site.root, folder);
  const { tenants, problems } = tenantOwners(entries);
  const tenantFiles = `${path.posix.join(folder.split(path.sep).join('/'), CONTENT_KINDS.tenants.folder)}/`;
  const blocking = [...unreadable.filter((p) => p.file?.startsWith(tenantFiles)), ...problems];
  if (blocking.length > 0) {
    console.error(formatProblems("Some tenants' owners cannot be read; fix these files first (\"platform-portal check\" lists every problem):", blocking));
    return 1;
  }
  let state;
  try {
    state = codeownersState(site.root, tenants);
  } catch (error) {
    if (!(error instanceof CodeownersError)) throw error;
    console.error(error.message);
    return 1;
  }
  const problem = codeownersProblem(state);
  if (!problem) {
    console.log(`${state.file} is up to date: it names the owners of ${state.tenants} tenant(s).`);
    return 0;
  }
  if (values.check) {
    console.error(formatProblem(problem));
    return 1;
  }
  const file = path.join(site.root, state.file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, state.expected);
  console.log(state.current === undefined ? `Wrote ${state.file} with the owners of ${state.tenants} tenant(s).` : `Updated ${state.file}: ${state.changes.join('; ')}.`);
  return 0;
}
