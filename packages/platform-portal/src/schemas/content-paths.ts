/**
 * Where content lives in the config repository, and what a site path looks like: plain values
 * without zod, which the schemas build on and the request forms use as they are, so that a form's
 * first load carries no zod (the check that needs it loads when the person starts on the form).
 */

/** Where a tenant's file lives in the config repository. */
export const tenantPath = (slug: string) => `content/tenants/${slug}.yaml`;

/** Where the usage of a tenant is kept in the repository. */
export const usagePath = (tenant: string) => `content/usage/${tenant}.json`;

/** A site path such as /guides/kafka-quickstart/: no scheme, host, query or dot segments. */
export const SITE_PATH = /^\/(?:[a-z0-9_-]+\/)*(?:[a-z0-9_-]+\/?)?$/;
export const SITE_PATH_MAX = 200;

/** Whether `text` is a site path SitePathSchema takes. */
export const isSitePath = (text: string) => text.length <= SITE_PATH_MAX && SITE_PATH.test(text);
