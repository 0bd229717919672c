/**
 * Each person's limits on the requests API: a submission spends a write, a listing of My requests
 * a read, keyed by the person's requester hash (http/ids.ts), never their address. The counting is
 * Cloudflare's rate limiting API, held by the rate limits Worker (rate-limits/worker.ts) and
 * reached through the service binding PORTAL_RATE_LIMITS (lib/rate-limits.ts says why).
 *
 * The limits protect a budget, GitHub's; they must not take the portal down. A limiter that fails
 * (not deployed, erroring, slow) lets the call through and says so in the log.
 */
import { LIMIT_URL, LONGEST_PERIOD_SECONDS, parseLimitAnswer, RATE_LIMITS_BINDING, type LimitCheck, type RateLimitKind } from '../lib/rate-limits.ts';
import { HttpProblem } from './problems.ts';

/** A service binding: https://developers.cloudflare.com/workers/runtime-apis/bindings/service-bindings/ */
export interface ServiceBinding {
  fetch(input: string | Request, init?: RequestInit): Promise<Response>;
}

export const isServiceBinding = (value: unknown): value is ServiceBinding => typeof (value as ServiceBinding | undefined)?.fetch === 'function';

/** How long the limiter may take before the call goes ahead without it. It answers in milliseconds. */
const LIMITER_TIMEOUT_MS = 2000;

const REFUSED: Record<RateLimitKind, string> = {
  writes: 'You have sent requests faster than the portal takes them from one person; the limit keeps the GitHub budget that everyone shares.',
  reads: 'You have loaded your requests more often than the portal allows one person; the limit keeps the GitHub budget that everyone shares.',
};

const AGAIN: Record<RateLimitKind, string> = {
  writes: `Nothing was sent to GitHub: send the same request again in ${LONGEST_PERIOD_SECONDS} seconds.`,
  reads: `Load them again in ${LONGEST_PERIOD_SECONDS} seconds.`,
};

/** The 429 of a person over a limit. The binding tells no reset time: the longest period is when it has surely passed. */
export function overLimit(kind: RateLimitKind): HttpProblem {
  return new HttpProblem('too-many-requests', `${REFUSED[kind]} ${AGAIN[kind]}`, { retryable: true }, { 'retry-after': String(LONGEST_PERIOD_SECONDS) });
}

/**
 * Told once per isolate: a log line, nothing an answer depends on. Only dev mode gets here without
 * a binding; AUTH_MODE=access refuses to start without one (http/edge-config.ts).
 */
let toldUnlimited = false;

async function ask(limiter: ServiceBinding, check: LimitCheck): Promise<{ success: boolean } | string> {
  try {
    const response = await limiter.fetch(LIMIT_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(check),
      signal: AbortSignal.timeout(LIMITER_TIMEOUT_MS),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const answer = response.ok ? parseLimitAnswer(body) : undefined;
    return answer ?? `it answered ${response.status}: ${text.slice(0, 200)}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Spends one of `kind` for the person `key`; throws the 429 when they are over the limit. */
export async function spendLimit(limiter: ServiceBinding | undefined, kind: RateLimitKind, key: string): Promise<void> {
  if (!limiter) {
    if (!toldUnlimited) console.info(`The functions have no ${RATE_LIMITS_BINDING} binding, so nobody's requests are limited: dev mode allows that, AUTH_MODE=access does not.`);
    toldUnlimited = true;
    return;
  }
  const answer = await ask(limiter, { kind, key });
  if (typeof answer === 'string') {
    console.warn(`The rate limits Worker (${RATE_LIMITS_BINDING}) could not count a ${kind === 'writes' ? 'submission' : 'listing'} (${answer}); it goes ahead unlimited.`);
    return;
  }
  if (!answer.success) throw overLimit(kind);
}
