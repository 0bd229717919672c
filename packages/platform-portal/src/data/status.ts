/**
 * The platform's status as of the build (lib/status.ts), made once per build from the site's
 * incident and maintenance files: the status page, /status.json, the state badges and the banners
 * all read this report, so that one build says one thing everywhere.
 */
import { getSiteData } from './site-data.ts';
import { noticesFor, statusReport, type StatusReport, type StatusTenant } from '../lib/status.ts';
import { statusBannerHtml } from '../lib/status-banner.ts';
import { builtAt } from 'virtual:platform-portal/build';

async function load(): Promise<StatusReport> {
  const data = await getSiteData();
  return statusReport(data, builtAt ? new Date(builtAt) : new Date());
}

let cached: Promise<StatusReport> | undefined;

/** The report as of the build's start (to the minute); in `astro dev`, as of the request. */
export function getStatus(): Promise<StatusReport> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}

/** The banner of a page about a service (its catalog page, guides, runbooks), before the page's own; undefined when there is neither. */
export async function serviceBanner(service: string, own?: string): Promise<string | undefined> {
  return statusBannerHtml(noticesFor(await getStatus(), { service }), own);
}

/** The banner of a tenant's page: what concerns the tenant. */
export async function tenantBanner(tenant: StatusTenant): Promise<string | undefined> {
  return statusBannerHtml(noticesFor(await getStatus(), { tenant }));
}
