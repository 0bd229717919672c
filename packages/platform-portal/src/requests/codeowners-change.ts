import { CODEOWNERS_LOCATIONS, CodeownersError, codeownersLocation, codeownersWithoutTenant, codeownersWithTenant, type TenantOwners } from '../lib/codeowners.ts';
import { RequestRefused, type BuildContext, type FileChange, type RepoFile } from './types.ts';

/** The files a request that adds or removes a tenant reads for its CODEOWNERS change: every place GitHub looks. */
export const CODEOWNERS_FILES: readonly string[] = CODEOWNERS_LOCATIONS;

/**
 * The CODEOWNERS change of a request that adds a tenant (`{ add: { slug, owners } }`) or removes
 * one (`{ remove: slug }`), in the same pull request: `platform-portal check` fails on a block that
 * lacks a tenant or names one that is gone, so the request's own check stays green. Nothing when
 * the site keeps no block (`requests.codeowners: false`) or nothing changes. The type reads
 * CODEOWNERS_FILES.
 */
export function tenantCodeowners(files: ReadonlyMap<string, RepoFile>, context: Pick<BuildContext, 'config'>, edit: { add: TenantOwners } | { remove: string }): FileChange[] {
  if (!context.config.codeowners) return [];
  const path = codeownersLocation((p) => files.get(p) !== undefined);
  const current = files.get(path);
  // A repository without the file has no tenant's line to take out.
  if ('remove' in edit && current === undefined) return [];
  try {
    const content = 'add' in edit ? codeownersWithTenant(current?.content, edit.add) : codeownersWithoutTenant(current?.content, edit.remove);
    return content === current?.content ? [] : [{ path, content, previousSha: current?.sha }];
  } catch (error) {
    if (!(error instanceof CodeownersError)) throw error;
    throw new RequestRefused('unprocessable', error.message, [{ path: 'add' in edit ? 'owners' : 'tenant', message: error.message }]);
  }
}
