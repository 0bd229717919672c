import type { Change } from './types.ts';

/**
 * The reviewers of a change to a tenant: its owners, as the tenant file names them (GitHub users,
 * the @ already taken off by the tenant schema). CODEOWNERS makes their approval required once
 * branch protection asks for code owners; this asks them in any case.
 */
export function tenantReviewers(tenant: { owners: readonly string[] }): NonNullable<Change['reviewers']> {
  return { users: tenant.owners.map((owner) => owner.replace(/^@/, '')), teams: [] };
}
