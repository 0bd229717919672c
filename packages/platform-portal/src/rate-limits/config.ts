/**
 * The wrangler config of the rate limits Worker (rate-limits/worker.ts) and the service binding
 * that points the site's functions at it: `platform-portal init` writes both into a new site, and
 * the dev stack writes the first with other limits for tests. TOML like the site's wrangler.toml,
 * so a deployer reads the limits beside a comment that says what they bound.
 */
import { RATE_LIMIT_BINDINGS, RATE_LIMIT_KINDS, RATE_LIMITS_BINDING, type RateLimitKind } from '../lib/rate-limits.ts';

export interface RateLimit {
  /** Calls a person may make per period, in each Cloudflare location. */
  limit: number;
  /** Seconds: the binding takes 10 or 60 only. */
  period: 10 | 60;
}

export type RateLimits = Record<RateLimitKind, RateLimit>;

/**
 * What a new site starts with, per person and minute. A submission costs GitHub about ten calls,
 * five of them writes, and GitHub lets one login make 80 writes a minute and 500 an hour
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits):
 * 6 submissions a minute are more than a person sends by hand (a form takes longer to fill in;
 * a retry of the same submission counts too), and keep one person to under half of that minute.
 * A listing of My requests costs up to 41 calls of the 5,000 an hour: 10 a minute leave room for
 * reloads and Refresh. The list is also kept 30 s per person (http/request-list-cache.ts), so most
 * reloads cost nothing; where that cache is not available, this limit alone bounds a listing's cost.
 */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = {
  writes: { limit: 6, period: 60 },
  reads: { limit: 10, period: 60 },
};

/** The Worker's config in a site, beside its wrangler.toml. */
export const RATE_LIMITS_CONFIG_FILE = 'rate-limits.wrangler.toml';

/** The built Worker, as a site reaches it. */
export const RATE_LIMITS_MAIN = 'node_modules/platform-portal/dist/rate-limits/worker.js';

/**
 * Rate limiting namespaces are shared by every Worker of an account that binds the same id; the
 * keys are requester hashes keyed with each deployment's secret, so two portals do not count each
 * other's people even on the same ids. Uncommon numbers, not the 1001 of Cloudflare's examples.
 */
const NAMESPACE_IDS: Readonly<Record<RateLimitKind, string>> = { writes: '7101', reads: '7102' };

const COMPATIBILITY_DATE = '2026-11-01';

/** The rate limits Worker of a Pages project: named after it, so that two portals in one account do not collide. */
export const rateLimitsWorkerName = (pagesProject: string) => `${pagesProject}-rate-limits`;

const WHAT = { writes: 'submissions (POST /api/requests/{type})', reads: 'listings of My requests (GET /api/requests)' } as const;

export interface RateLimitsConfigOptions {
  /** The Worker's name, which the site's `[[services]]` binding names. */
  name: string;
  /** Its code: RATE_LIMITS_MAIN in a site, an absolute path in the dev stack. */
  main: string;
  limits: RateLimits;
}

/** The Worker's wrangler config. Strings are written as JSON strings, which TOML reads the same. */
export function rateLimitsConfig({ name, main, limits }: RateLimitsConfigOptions): string {
  const q = JSON.stringify;
  const bindings = RATE_LIMIT_KINDS.map(
    (kind) => `# ${WHAT[kind]}
[[ratelimits]]
name = ${q(RATE_LIMIT_BINDINGS[kind])}
namespace_id = ${q(NAMESPACE_IDS[kind])}
simple = { limit = ${limits[kind].limit}, period = ${limits[kind].period} }
`,
  );
  return `# The rate limits Worker of the portal's requests API (platform-portal). A Pages project cannot
# bind Cloudflare's rate limiting itself, so the functions ask this Worker through the service
# binding ${RATE_LIMITS_BINDING} in wrangler.toml, keyed by the person's requester hash.
# Deploy it before the site, and again after changing a limit:
#   npx wrangler deploy -c ${RATE_LIMITS_CONFIG_FILE}
name = ${q(name)}
main = ${q(main)}
compatibility_date = ${q(COMPATIBILITY_DATE)}
# Reached through the service binding only: anyone who could reach it could spend a person's limit.
workers_dev = false
preview_urls = false

# Per person and Cloudflare location: \`limit\` calls per \`period\` seconds (10 or 60). Over it, the
# API answers 429 with retry-after. namespace_id is unique within the Cloudflare account: another
# Worker that binds the same id shares its counters.
${bindings.join('\n')}`;
}

/** The lines of the site's wrangler.toml that bind the functions to the Worker. */
export function rateLimitsService(name: string): string {
  return `# Per-person rate limits of the requests API: the Worker of ${RATE_LIMITS_CONFIG_FILE}, deployed first.
[[services]]
binding = ${JSON.stringify(RATE_LIMITS_BINDING)}
service = ${JSON.stringify(name)}
`;
}
