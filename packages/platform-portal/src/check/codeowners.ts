/**
 * The repository's CODEOWNERS against the tenants: what `platform-portal check` says about it and
 * what `platform-portal codeowners` writes. The text itself is made in lib/codeowners.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CODEOWNERS_COMMAND, CodeownersError, codeownersChanges, codeownersLocation, codeownersWith, splitCodeowners, type TenantOwners } from '../lib/codeowners.ts';
import { problemsFromZod, type Problem } from '../lib/problems.ts';
import { TenantSchema } from '../schemas/tenant.ts';
import type { RawEntry } from './read-content.ts';

/** The two fields the block needs; a site's own fields on tenants are the content check's concern. */
const TenantOwnersSchema = TenantSchema.pick({ slug: true, owners: true }).loose();

export interface CodeownersState {
  /** From the site's root: the first CODEOWNERS GitHub would read, else .github/CODEOWNERS. */
  file: string;
  /** The file as it is; undefined when there is none. */
  current: string | undefined;
  /** The file as `platform-portal codeowners` writes it. */
  expected: string;
  /** What differs, in words; empty when the file is up to date. */
  changes: string[];
  tenants: number;
}

/** The CODEOWNERS GitHub reads in the site at `root`, relative to it. */
export function codeownersFile(root: string): string {
  return codeownersLocation((file) => existsSync(path.join(root, file)));
}

/** Slug and owners of every tenant file; a file without them is a problem (the content check says more). */
export function tenantOwners(entries: readonly RawEntry[]): { tenants: TenantOwners[]; problems: Problem[] } {
  const tenants: TenantOwners[] = [];
  const problems: Problem[] = [];
  for (const entry of entries.filter((e) => e.kind === 'tenants')) {
    const parsed = TenantOwnersSchema.safeParse(entry.data);
    if (parsed.success) tenants.push({ slug: parsed.data.slug, owners: parsed.data.owners });
    else problems.push(...problemsFromZod(parsed.error, { file: entry.file, schema: TenantOwnersSchema }));
  }
  return { tenants, problems };
}

/** The site's CODEOWNERS and what it should be. Throws CodeownersError when the file cannot be read as one block. */
export function codeownersState(root: string, tenants: readonly TenantOwners[]): CodeownersState {
  const file = codeownersFile(root);
  const absolute = path.join(root, file);
  const current = existsSync(absolute) ? readFileSync(absolute, 'utf-8') : undefined;
  try {
    splitCodeowners(current ?? '');
  } catch (error) {
    if (error instanceof CodeownersError) throw new CodeownersError(`${file} ${error.message}.`);
    throw error;
  }
  return { file, current, expected: codeownersWith(current, tenants), changes: codeownersChanges(current, tenants), tenants: tenants.length };
}

/** The state as a problem of the check, naming the file and the command that fixes it; undefined when up to date. */
export function codeownersProblem(state: CodeownersState): Problem | undefined {
  if (state.changes.length === 0) return undefined;
  const message =
    state.current === undefined
      ? `is missing; run "${CODEOWNERS_COMMAND}" to write it with each tenant's owners, and commit it (or set requests.codeowners: false in portal.config.ts)`
      : `is out of date with content/tenants/ (${state.changes.join('; ')}); run "${CODEOWNERS_COMMAND}" to update it, and commit it`;
  return { file: state.file, path: '', message };
}

/** What is wrong with the site's CODEOWNERS, as problems of the check: none when it is up to date. */
export function codeownersProblems(root: string, tenants: readonly TenantOwners[]): Problem[] {
  try {
    const problem = codeownersProblem(codeownersState(root, tenants));
    return problem ? [problem] : [];
  } catch (error) {
    if (error instanceof CodeownersError) return [{ path: '', message: error.message }];
    throw error;
  }
}
