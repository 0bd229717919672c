/**
 * The admin switch, outside GitHub's API: fault injection and call counts. No token needed (the
 * server answers on loopback only). See README.md, "Fault injection".
 *   GET/POST/DELETE /_admin/faults, GET /_admin/stats, POST /_admin/stats/reset
 */
import { DOCS_ROOT, GitHubError, problems } from '../errors.ts';
import { FaultSchema, type CallStats, type FaultSwitch } from '../faults.ts';
import type { Reply } from '../router.ts';

export interface AdminState {
  faults: FaultSwitch;
  stats: CallStats;
  now(): Date;
}

function parseFaults(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body === undefined) throw new GitHubError(422, 'A fault is required: {"route": "*", "kind": "502", "times": 1}.', { documentationUrl: DOCS_ROOT });
  return [body];
}

export function handleAdmin(admin: AdminState, method: string, pathname: string, body: unknown): Reply {
  const route = `${method} ${pathname.replace(/\/$/, '')}`;
  switch (route) {
    case 'GET /_admin/faults':
      return { status: 200, body: admin.faults.list() };
    case 'POST /_admin/faults': {
      const armed = parseFaults(body).map((raw) => {
        const parsed = FaultSchema.safeParse(raw);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new GitHubError(422, `Invalid fault: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}.`, {
            documentationUrl: DOCS_ROOT,
          });
        }
        return admin.faults.arm(parsed.data);
      });
      return { status: 201, body: Array.isArray(body) ? armed : armed[0] };
    }
    case 'DELETE /_admin/faults':
      admin.faults.clear();
      return { status: 204 };
    case 'GET /_admin/stats':
      return { status: 200, body: admin.stats.toJSON() };
    case 'POST /_admin/stats/reset':
      admin.stats.reset(admin.now());
      return { status: 200, body: admin.stats.toJSON() };
    default:
      throw problems.unknownRoute();
  }
}
