/**
 * Routes are declared with GitHub's own path templates ("/repos/{owner}/{repo}/pulls"), so the
 * stats, the fault switch and the docs all name a route the way docs.github.com does.
 */
import type { App } from './app.ts';

export interface RequestContext {
  app: App;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
  /** Login the token belongs to. */
  login: string;
  requestId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  /** Short stable name, used by the fault switch ("create-ref") and the README. */
  name: string;
  method: string;
  /** GitHub's path template. */
  template: string;
  /** docs.github.com page of the route; errors link to it as GitHub's do. */
  docs: string;
  handle(context: RequestContext): Promise<Reply>;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** Final parameters that take the rest of the path, slashes included (file paths, ref names, compare's base...head). */
const GREEDY = new Set(['path', 'ref', 'basehead']);

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function matchTemplate(template: string, pathname: string): Record<string, string> | null {
  const want = template.split('/');
  const have = pathname.split('/');
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i += 1) {
    const part = want[i] ?? '';
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (have[i] !== part) return null;
      continue;
    }
    if (i === want.length - 1 && GREEDY.has(name)) {
      // GitHub accepts both "a/b" and Octokit's "a%2Fb"; "contents" with no path is the root.
      const rest = have.slice(i).map(decode);
      if (rest.some((segment) => segment === null)) return null;
      const value = rest.join('/');
      if (value === '' && name !== 'path') return null;
      params[name] = value;
      return params;
    }
    const value = have[i] === undefined ? null : decode(have[i] ?? '');
    if (value === null || value === '') return null;
    params[name] = value;
  }
  return have.length === want.length ? params : null;
}

/** The first route whose method and template match, with its decoded parameters. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, pathname);
    if (params) return { route, params };
  }
  return null;
}

/** A positive integer path parameter ({pull_number}, {issue_number}), or null. */
export function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

/** GitHub's `per_page` (1-100, default 30) and `page` (from 1) query parameters. */
export function pagination(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(query.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  return { perPage, page };
}

/**
 * One page of `items` and GitHub's `link` header (rel next/last/first/prev), built from the URL
 * of the request so clients can follow it as they follow GitHub's.
 */
export function paginate<T>(items: readonly T[], query: URLSearchParams, selfUrl: string): { page: T[]; headers: Record<string, string> } {
  const { perPage, page } = pagination(query);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const pageUrl = (n: number) => {
    const url = new URL(selfUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  const links: string[] = [];
  if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
  if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(Math.min(page - 1, last))}>; rel="prev"`);
  const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {};
  return { page: items.slice((page - 1) * perPage, page * perPage), headers };
}
