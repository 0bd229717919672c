/**
 * The rules campaigns keep across files: the release note and roadmap item they name exist, the
 * scope names a service of the catalog and a field the tenant files have, every state file is of a
 * campaign and of a tenant in its scope, and an exemption is approved by the platform team.
 */
import type { Campaign, CampaignState } from '../schemas/campaign.ts';
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import { inScope } from './campaigns.ts';
import type { Problem } from './problems.ts';

interface Entry<T> {
  id: string;
  file: string;
  data: T;
}

export interface CampaignContent {
  campaigns: readonly Entry<Campaign>[];
  /** Ids `<campaign>/<tenant>`, from content/campaigns/<campaign>/<tenant>.yaml. */
  states: readonly Entry<CampaignState>[];
  tenants: ReadonlyMap<string, Tenant>;
  catalog: ReadonlyMap<string, Service>;
  releaseNotes: ReadonlySet<string>;
  roadmap: ReadonlySet<string>;
  /** Whether the site's tenant schema has the field at a dotted path; absent where the schema is not at hand (the check with the schema runs first). */
  tenantHasField?: ((path: string) => boolean) | undefined;
  /** GitHub logins who may approve an exemption (`campaigns.approvers`). */
  approvers: readonly string[];
}

function campaignFileProblems({ id, file, data }: Entry<Campaign>, content: CampaignContent): Problem[] {
  const problems: Problem[] = [];
  if (!content.releaseNotes.has(data.release_note)) problems.push({ file, path: 'release_note', message: `no release note "${data.release_note}" in content/changelog/; name the note that announced the campaign` });
  if (data.roadmap !== undefined && !content.roadmap.has(data.roadmap)) problems.push({ file, path: 'roadmap', message: `no roadmap item "${data.roadmap}" in content/roadmap/` });
  if (!content.catalog.has(data.scope.service)) {
    problems.push({ file, path: 'scope.service', message: `unknown service "${data.scope.service}"; use a service id of content/services/ (${[...content.catalog.keys()].join(', ')})` });
  }
  const field = data.scope.where?.field;
  if (field !== undefined && content.tenantHasField && !content.tenantHasField(field)) {
    problems.push({ file, path: 'scope.where.field', message: `the tenant files have no field "${field}"; name a field of the tenant schema, or add it to the site's tenants in src/content.config.ts` });
  }
  if (id.includes('/')) problems.push({ file, path: '(file name)', message: 'a campaign is a file directly in content/campaigns/; move it up' });
  return problems;
}

function stateProblems({ id, file, data }: Entry<CampaignState>, campaigns: ReadonlyMap<string, Campaign>, content: CampaignContent): Problem[] {
  const [campaignId = '', tenantId = ''] = id.split('/');
  const campaign = campaigns.get(campaignId);
  if (!campaign) return [{ file, path: '(file name)', message: `no campaign "${campaignId}" in content/campaigns/; a state file sits in the folder of its campaign` }];
  const tenant = content.tenants.get(tenantId);
  // Left over once a tenant is offboarded, as its usage is: said, and not counted.
  if (!tenant) return [{ file, path: '(file name)', severity: 'warning', message: `no tenant "${tenantId}" in content/tenants/, so this state is not counted; delete the file (or name it after a tenant's slug)` }];
  if (!inScope(campaign.scope, tenant, data)) {
    const fix = inScope(campaign.scope, tenant, { state: 'done' }) ? 'record it as done, or delete the file' : 'delete the file';
    return [{ file, path: '(file name)', message: `tenant ${tenantId} is not in the scope of the campaign ${campaignId}; ${fix}` }];
  }
  if (data.state === 'exempt' && !content.approvers.includes(data.exemption.approver)) {
    const who = content.approvers.length > 0 ? `one of ${content.approvers.join(', ')}` : 'a login listed in campaigns.approvers of portal.config.ts, which lists none';
    return [{ file, path: 'exemption.approver', message: `${data.exemption.approver} may not approve exemptions; the approver is ${who}` }];
  }
  return [];
}

export function campaignProblems(content: CampaignContent): Problem[] {
  const problems: Problem[] = [];
  const valid = new Map<string, Campaign>();
  for (const campaign of content.campaigns) {
    const found = campaignFileProblems(campaign, content);
    problems.push(...found);
    // The states of a campaign whose scope is wrong would only repeat its problem.
    if (found.length === 0) valid.set(campaign.id, campaign.data);
  }
  const named = new Set(content.campaigns.map((c) => c.id));
  for (const state of content.states) {
    const campaignId = state.id.split('/')[0]!;
    if (valid.has(campaignId) || !named.has(campaignId)) problems.push(...stateProblems(state, valid, content));
  }
  return problems;
}
