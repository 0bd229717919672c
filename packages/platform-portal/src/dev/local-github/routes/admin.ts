/**
 * The admin switch, outside GitHub's API: fault injection and call counts. See README.md, "Fault
 * injection".
 *   GET/POST/DELETE /_admin/faults, GET /_admin/stats, POST /_admin/stats/reset
 *
 * Listening on loopback is not enough: any web page a developer visits can send a form or a
 * text/plain post to 127.0.0.1, and arm faults in their portal. So every admin call carries the
 * token the server made at start (`Authorization: Bearer <token>`), which a page cannot know and a
 * browser does not send across sites without a preflight this server never grants.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DOCS_ROOT, GitHubError, problems } from '../errors.ts';
import { FaultSchema, type CallStats, type FaultSwitch } from '../faults.ts';
import { sameToken } from '../http.ts';
import type { Reply } from '../router.ts';

export interface AdminState {
  faults: FaultSwitch;
  stats: CallStats;
  now(): Date;
}

/** Throws the 403 unless the request carries the admin token. */
export function checkAdminToken(headers: IncomingHttpHeaders, token: string): void {
  const sent = /^bearer\s+(\S+)$/i.exec(headers.authorization?.trim() ?? '')?.[1];
  if (sent === undefined || !sameToken(sent, token)) throw problems.adminTokenRequired();
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
