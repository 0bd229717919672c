/**
 * The rate limits Worker: Cloudflare's rate limiting binding for the requests API. A Pages project
 * cannot bind it (its wrangler.toml takes no `[[ratelimits]]`), so this Worker holds one binding
 * per kind (WRITES, READS) and the functions ask it over the service binding PORTAL_RATE_LIMITS.
 * A site deploys it from its own config, `wrangler deploy -c rate-limits.wrangler.toml`, whose
 * `main` is this file as built; the limits are set there (rate-limits/config.ts writes it).
 *
 * The config gives it no public URL (`workers_dev = false`): the keys are requester hashes, which
 * pull request markers show, so anyone who could reach it could spend another person's limit.
 */
import { LIMIT_URL, parseLimitCheck, RATE_LIMIT_BINDINGS, type LimitAnswer } from '../lib/rate-limits.ts';

/** Cloudflare's rate limiting binding: https://developers.cloudflare.com/workers/runtime-apis/bindings/rate-limit/ */
interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

const isRateLimiter = (value: unknown): value is RateLimiter => typeof (value as RateLimiter | undefined)?.limit === 'function';

const text = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export default {
  async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
    if (request.method !== 'POST' || new URL(request.url).pathname !== new URL(LIMIT_URL).pathname) {
      return text(404, `The rate limits Worker answers POST ${new URL(LIMIT_URL).pathname} only.`);
    }
    const check = parseLimitCheck(await request.json().catch(() => undefined));
    if (!check) return text(400, 'Send {"kind": "writes" or "reads", "key": a requester hash of 32 hex digits}.');
    const name = RATE_LIMIT_BINDINGS[check.kind];
    const binding = env[name];
    if (!isRateLimiter(binding)) {
      return text(500, `The rate limits Worker has no rate limiting binding ${name}: add [[ratelimits]] name = "${name}" to its wrangler config.`);
    }
    const { success } = await binding.limit({ key: check.key });
    return Response.json({ success } satisfies LimitAnswer);
  },
};
