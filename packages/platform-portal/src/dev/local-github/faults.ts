/**
 * Fault injection (off until asked for) and call counting, for tests and benchmarks of the
 * portal's retry policy. A fault makes the next N matching calls fail the way GitHub fails:
 * 500/502, a secondary rate limit (403 + retry-after, GitHub's wording), 429 + retry-after, a
 * spent primary rate limit, or a delay before the normal answer.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
 */
import { z } from 'zod';
import { problems, type GitHubError } from './errors.ts';
import type { Route } from './router.ts';

export const FaultSchema = z.object({
  route: z
    .string()
    .min(1)
    .describe('Which calls: "*", a route name ("create-ref"), or "METHOD /path" with GitHub template or * wildcards.'),
  times: z.number().int().positive().default(1).describe('How many matching calls fail before the fault is spent.'),
  kind: z
    .enum(['500', '502', 'secondary-rate-limit', '429', 'rate-limit', 'hang'])
    .describe('How the calls fail; "hang" waits `ms` and then answers normally.'),
  ms: z.number().int().min(0).max(600_000).default(1000).describe('Delay of a "hang", in milliseconds.'),
  retryAfter: z.number().int().min(0).default(60).describe('Seconds in the retry-after header of rate-limit faults.'),
});

export type Fault = z.output<typeof FaultSchema>;
export type FaultInput = z.input<typeof FaultSchema>;

export interface ArmedFault extends Fault {
  id: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `pattern` (see FaultSchema.route) names this call. */
export function faultMatches(pattern: string, method: string, route: Route | null, pathname: string): boolean {
  if (pattern === '*') return true;
  if (route && pattern === route.name) return true;
  const space = pattern.indexOf(' ');
  if (space === -1) return false;
  const wantMethod = pattern.slice(0, space).toUpperCase();
  const path = pattern.slice(space + 1).trim();
  if (wantMethod !== '*' && wantMethod !== method) return false;
  if (route && path === route.template) return true;
  const source = path
    .split(/(\{\w+\}|\*)/)
    .map((part) => (part === '*' ? '.*' : /^\{\w+\}$/.test(part) ? '[^/]+' : escapeRegex(part)))
    .join('');
  return new RegExp(`^${source}$`).test(pathname);
}

/** Parses a `--fault` option: JSON, or "kind=502,route=create-pull,times=2". */
export function parseFaultOption(text: string): Fault {
  const raw: Record<string, unknown> = text.trim().startsWith('{')
    ? (JSON.parse(text) as Record<string, unknown>)
    : Object.fromEntries(
        text.split(',').map((pair) => {
          const [key = '', ...rest] = pair.split('=');
          const value = rest.join('=').trim();
          return [key.trim(), /^\d+$/.test(value) && key.trim() !== 'kind' ? Number(value) : value];
        }),
      );
  return FaultSchema.parse(raw);
}

export class FaultSwitch {
  #armed: ArmedFault[] = [];
  #nextId = 1;

  arm(fault: Fault): ArmedFault {
    const armed = { ...fault, id: this.#nextId++ };
    this.#armed.push(armed);
    return armed;
  }

  list(): ArmedFault[] {
    return this.#armed.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.#armed = [];
  }

  /** The first armed fault for this call, counted down (and dropped once spent). */
  take(method: string, route: Route | null, pathname: string): Fault | null {
    const fault = this.#armed.find((candidate) => faultMatches(candidate.route, method, route, pathname));
    if (!fault) return null;
    fault.times -= 1;
    if (fault.times <= 0) this.#armed = this.#armed.filter((candidate) => candidate !== fault);
    return { ...fault };
  }
}

/** API calls per route since start (or the last reset): what benchmarks count. */
export class CallStats {
  #since = new Date();
  #byRoute = new Map<string, number>();
  #byName = new Map<string, number>();
  #total = 0;

  count(route: Route | null, method: string): void {
    const key = route ? `${route.method} ${route.template}` : `${method} (unknown route)`;
    this.#byRoute.set(key, (this.#byRoute.get(key) ?? 0) + 1);
    const name = route?.name ?? 'unknown';
    this.#byName.set(name, (this.#byName.get(name) ?? 0) + 1);
    this.#total += 1;
  }

  reset(now: Date): void {
    this.#since = now;
    this.#byRoute.clear();
    this.#byName.clear();
    this.#total = 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      since: this.#since.toISOString(),
      total: this.#total,
      byRoute: Object.fromEntries(this.#byRoute),
      byName: Object.fromEntries(this.#byName),
    };
  }
}

/** The answer a (non-hang) fault gives instead of the real one. */
export function faultError(fault: Fault, requestId: string, now: Date): GitHubError {
  switch (fault.kind) {
    case '500':
      return problems.serverError();
    case '502':
      return problems.badGateway();
    case 'secondary-rate-limit':
      return problems.secondaryRateLimit(requestId, fault.retryAfter, 403);
    case '429':
      return problems.secondaryRateLimit(requestId, fault.retryAfter, 429);
    case 'rate-limit':
      return problems.primaryRateLimit(Math.floor(now.getTime() / 1000) + fault.retryAfter);
    case 'hang':
      throw new Error('A "hang" fault delays the answer; it is not an error answer.');
  }
}
