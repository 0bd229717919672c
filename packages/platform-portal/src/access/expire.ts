/**
 * Expired access grants out of the tenants' access files, as one standing pull request: each run
 * of the access workflow rewrites it while it is open, and a file keeps every byte but the grants
 * it drops (the change builders' removeListItem).
 */
import { parse } from 'yaml';
import { removeListItem } from '../changes/index.ts';
import { code, table } from '../lib/markdown.ts';
import { formatProblem, problemsFromZod } from '../lib/problems.ts';
import type { Change, FileContent, RepoFile } from '../requests/types.ts';
import { AccessFileSchema, granteeOf, isExpired, type AccessGrant } from '../schemas/access.ts';
import { isoDay } from '../lib/dates.ts';

export const EXPIRED_ACCESS_BRANCH = 'access/expired';
export const EXPIRED_ACCESS_LABELS = ['access'];

export interface ExpiredGrant {
  path: string;
  tenant: string;
  grant: AccessGrant;
}

export interface Expiry {
  /** The files without their expired grants; empty when none has expired. */
  files: FileContent[];
  expired: ExpiredGrant[];
  /** Files that could not be read, each said as file → field: problem; they are left as they are. */
  unreadable: string[];
}

/** The file without its grants past `today`, removed last first so that each index still names its grant. */
function withoutExpired(path: string, file: { content: string; sha: string }, grants: readonly AccessGrant[], today: string): FileContent | undefined {
  const indices = grants.flatMap((grant, i) => (isExpired(grant, today) ? [i] : [])).reverse();
  if (indices.length === 0) return undefined;
  let state = { path, content: file.content, previousSha: file.sha };
  for (const index of indices) state = { ...removeListItem(state, ['grants'], index), previousSha: file.sha };
  return state;
}

/** Pure: the access files of `files` without the grants whose last day is before `today` (YYYY-MM-DD). */
export function expireGrants(files: ReadonlyMap<string, RepoFile>, today: string): Expiry {
  const expiry: Expiry = { files: [], expired: [], unreadable: [] };
  for (const [path, file] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!file) continue;
    let data: unknown;
    try {
      data = parse(file.content);
    } catch (error) {
      expiry.unreadable.push(`${path}: not valid YAML (${(error as Error).message.split('\n')[0]}); fix it, then run again`);
      continue;
    }
    const parsed = AccessFileSchema.safeParse(data);
    if (!parsed.success) {
      expiry.unreadable.push(...problemsFromZod(parsed.error, { file: path, schema: AccessFileSchema }).map(formatProblem));
      continue;
    }
    const edited = withoutExpired(path, file, parsed.data.grants, today);
    if (!edited) continue;
    expiry.files.push(edited);
    expiry.expired.push(...parsed.data.grants.filter((grant) => isExpired(grant, today)).map((grant) => ({ path, tenant: parsed.data.tenant, grant })));
  }
  return expiry;
}

/** The pull request that removes the expired grants; undefined when none has expired. */
export function expiryChange(expiry: Expiry, today: string): Change | undefined {
  if (expiry.files.length === 0) return undefined;
  const rows = expiry.expired.map(({ tenant, grant }) => [
    code(tenant),
    code(granteeOf(grant)),
    `${code(grant.service)} ${code(grant.role)}`,
    isoDay(grant.expires),
  ]);
  const count = expiry.expired.length;
  return {
    branch: EXPIRED_ACCESS_BRANCH,
    title: `Remove ${count} expired access grant${count === 1 ? '' : 's'}`,
    body: [
      `Removes the access grants whose last day was before ${today}, found by ${code('platform-portal access expire')}.`,
      '',
      table(rows, ['Tenant', 'Who', 'Access', 'Last day']),
      '',
      'The access workflow rewrites this pull request on each run while it is open. Revoke the access itself where it is enforced, if that does not follow from this file.',
    ].join('\n'),
    labels: EXPIRED_ACCESS_LABELS,
    files: expiry.files,
    commitMessage: `Remove ${count} expired access grant${count === 1 ? '' : 's'} as of ${today}`,
    mode: 'refresh',
  };
}
