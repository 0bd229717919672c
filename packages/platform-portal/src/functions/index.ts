/**
 * `platform-portal/functions`: the requests API as Cloudflare Pages Functions. A site routes all of
 * /api/ to it from one file, functions/api/[[path]].ts:
 *
 *   import { portalApi } from 'platform-portal/functions';
 *   import portal from '../../portal.config.ts';
 *   export const onRequest = portalApi(portal);
 *
 * One catch-all file rather than one per endpoint: Pages bundles functions/ with esbuild, which
 * cannot hand the site's configuration to a module of this package, and endpoints a new version
 * adds then arrive with `npm update`, without a change to the site.
 */
import { withProblems } from '../http/answer.ts';
import { HttpProblem } from '../http/problems.ts';
import type { PagesContext, PagesHandler } from '../http/pages.ts';
import type { PortalConfig } from '../schemas/site-config.ts';
import { listMyRequests } from './list-requests.ts';
import { openRequest } from './open-request.ts';
import { previewRequest } from './preview-request.ts';
import { requestSchema } from './request-schema.ts';

export type { PagesContext, PagesHandler };

interface Endpoint {
  /** Path segments after /api/; `:type` takes any one segment. */
  path: string[];
  method: 'GET' | 'POST';
  handler: PagesHandler;
  /** Says what to send when the method is wrong. */
  hint: string;
}

function endpoints(portal: PortalConfig): Endpoint[] {
  return [
    { path: ['requests'], method: 'GET', handler: listMyRequests(portal), hint: 'GET /api/requests lists your requests.' },
    { path: ['requests', ':type'], method: 'POST', handler: openRequest(portal), hint: 'Send requests with POST; GET /api/requests/{type}/schema describes the body.' },
    { path: ['requests', ':type', 'schema'], method: 'GET', handler: requestSchema(portal), hint: 'GET /api/requests/{type}/schema describes a request type.' },
    { path: ['requests', ':type', 'preview'], method: 'POST', handler: previewRequest(portal), hint: 'Send the request with POST to preview its pull request.' },
  ];
}

function match(endpoint: Endpoint, segments: string[]): Record<string, string> | undefined {
  if (endpoint.path.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of endpoint.path.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}

/** The path after /api/, decoded; a segment that does not decode matches no endpoint. */
function pathSegments(url: string): string[] {
  return new URL(url).pathname
    .split('/')
    .filter(Boolean)
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return '\0';
      }
    });
}

/** The handler of every /api/ route: finds the endpoint by path, then checks the method. */
export function portalApi(portal: PortalConfig): PagesHandler {
  const table = endpoints(portal);
  return (context) => {
    const segments = pathSegments(context.request.url);
    for (const endpoint of table) {
      const params = match(endpoint, segments);
      if (!params) continue;
      if (context.request.method === endpoint.method) return endpoint.handler({ ...context, params });
      return withProblems(async () => {
        throw new HttpProblem('method-not-allowed', endpoint.hint, {}, { allow: endpoint.method });
      });
    }
    return withProblems(async () => {
      throw new HttpProblem('not-found', 'There is no such API endpoint: the API has /api/requests, /api/requests/{type}, /api/requests/{type}/schema and /api/requests/{type}/preview.');
    });
  };
}
