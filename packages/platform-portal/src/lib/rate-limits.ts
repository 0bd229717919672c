/**
 * The per-person rate limits of the requests API, as the functions (http/rate-limits.ts) and the
 * rate limits Worker (rate-limits/worker.ts) both read them: what is counted, under which binding,
 * and the question and answer that pass over the service binding between the two. Pure.
 *
 * A Pages project cannot bind Cloudflare's rate limiting API itself (a Pages wrangler.toml takes no
 * `[[ratelimits]]`), so a small Worker holds the bindings and the functions ask it:
 * https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/
 */

/** What a person spends: `writes` are submissions (POST /api/requests/{type}), `reads` listings (GET /api/requests). */
export const RATE_LIMIT_KINDS = ['writes', 'reads'] as const;
export type RateLimitKind = (typeof RATE_LIMIT_KINDS)[number];

/** The functions' service binding to the rate limits Worker (`[[services]]` in the site's wrangler.toml). */
export const RATE_LIMITS_BINDING = 'PORTAL_RATE_LIMITS';

/** The rate limiting binding that counts each kind in the Worker's config (`[[ratelimits]] name`). */
export const RATE_LIMIT_BINDINGS: Readonly<Record<RateLimitKind, string>> = { writes: 'WRITES', reads: 'READS' };

/**
 * The longest period the rate limiting binding allows (it takes 10 or 60 seconds, and tells only
 * whether a call is within the limit): a refused person can always try again after it.
 */
export const LONGEST_PERIOD_SECONDS = 60;

/** Where the functions send the question; a service binding ignores the host, the path is checked. */
export const LIMIT_URL = 'https://rate-limits.platform-portal.internal/limit';

/** Spend one of `kind` for `key`, the person's requester hash (http/ids.ts): never their address. */
export interface LimitCheck {
  kind: RateLimitKind;
  key: string;
}

/** Whether the call was within the limit. */
export interface LimitAnswer {
  success: boolean;
}

const KEY = /^[0-9a-f]{32}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The question as the Worker reads it: undefined unless it is exactly a kind and a requester hash. */
export function parseLimitCheck(value: unknown): LimitCheck | undefined {
  if (!isRecord(value)) return undefined;
  const { kind, key } = value;
  if (!RATE_LIMIT_KINDS.includes(kind as RateLimitKind) || typeof key !== 'string' || !KEY.test(key)) return undefined;
  return { kind: kind as RateLimitKind, key };
}

/** The answer as the functions read it: undefined unless it says `success` true or false. */
export function parseLimitAnswer(value: unknown): LimitAnswer | undefined {
  return isRecord(value) && typeof value.success === 'boolean' ? { success: value.success } : undefined;
}
