import type { PortalConfig } from '../schemas/site-config.ts';
import type { BuildContext } from './types.ts';
import { ownValue } from '../lib/records.ts';

/** The build context's `config` for one request type, from portal.config.ts: the same on the page and in the function. */
export function requestConfig(portal: Pick<PortalConfig, 'requests' | 'insights' | 'campaigns' | 'site'>, type: string): BuildContext['config'] {
  const { branchPrefix, labels, feedbackPeriod, codeowners } = portal.requests;
  return { branchPrefix, labels: ownValue(labels, type) ?? [], feedbackPeriod, codeowners, insights: portal.insights, campaignApprovers: portal.campaigns.approvers, site: portal.site };
}
