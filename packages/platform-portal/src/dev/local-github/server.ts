/**
 * The local GitHub: one repository `owner/name` served with GitHub's REST paths, status codes,
 * JSON shapes and error bodies, over a real bare git repository. A dev tool, never deployed;
 * production code only sees a different GITHUB_API_URL. Listens on loopback only.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from './app.ts';
import { errorBody, GitHubError, problems } from './errors.ts';
import { CallStats, faultError, FaultSchema, FaultSwitch, type FaultInput } from './faults.ts';
import { Git } from './git.ts';
import { KeyedLock } from './keyed-lock.ts';
import { createToken, isLoopbackHost, newRequestId, parseJson, RateLimits, readBody, sendHtml, sendJson, sendRedirect } from './http.ts';
import { matchRoute, positiveInt, type Reply, type Route } from './router.ts';
import { checkAdminToken, handleAdmin } from './routes/admin.ts';
import { blobRoutes } from './routes/blobs.ts';
import { commitRoutes } from './routes/commits.ts';
import { compareRoutes } from './routes/compare.ts';
import { contentRoutes } from './routes/contents.ts';
import { issueRoutes } from './routes/issues.ts';
import { pullActionRoutes } from './routes/pull-actions.ts';
import { pullRoutes } from './routes/pulls.ts';
import { refRoutes } from './routes/refs.ts';
import { apiRootJson, repositoryRoutes } from './routes/repository.ts';
import { searchRoutes } from './routes/search.ts';
import { ensureRepository } from './seed.ts';
import { Store } from './store.ts';
import { handleWebPost, type WebAction } from './web-actions.ts';
import { renderNotFound, renderPull, renderPullList, renderRefusal } from './web-view.ts';

export interface LocalGitHubOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only: 127.0.0.1 (default) or ::1. */
  host?: '127.0.0.1' | '::1';
  /** "owner/name" of the one repository served. */
  repo: string;
  /** Where the bare repository and the metadata file live (created if missing). */
  dataDir: string;
  /** Folder whose files become the first commit when the repository is created. */
  seedFrom?: string;
  /** Paths inside seedFrom to take (default: all of it). */
  seedPaths?: string[];
  baseBranch?: string;
  /** Accepted tokens (token -> login); any token is accepted, as login "local-dev", when absent. */
  tokens?: Record<string, string>;
  /** Delete the repository and metadata first. */
  reset?: boolean;
  /** Faults armed from the start (see faults.ts). */
  faults?: FaultInput[];
  /** A fixed clock for tests; commit dates then come from it too. */
  now?: () => Date;
  log?: (line: string) => void;
  /**
   * Told each time the server moves a branch: a merge (REST API or the web view's button), a
   * ref created or moved through the git data API, a contents API write. Gets the branch name
   * (no refs/heads/) and its new commit, once the change is recorded (a merged pull already reads
   * as merged), before the answer is sent: keep it quick, and start slow work without awaiting
   * it. Not called for deleted branches, nor for pushes made with git to the bare repository.
   * What it throws (or rejects) is logged and does not fail the request.
   */
  onBranchUpdated?: (branch: string, sha: string) => void;
}

export interface LocalGitHub {
  url: string;
  apiUrl: string;
  webUrl: string;
  port: number;
  repoPath: string;
  stateFile: string;
  /** Made at each start; /_admin/* answers only `Authorization: Bearer <adminToken>`. */
  adminToken: string;
  close(): Promise<void>;
}

const ROUTES: Route[] = [
  ...repositoryRoutes,
  ...refRoutes,
  ...blobRoutes,
  ...contentRoutes,
  ...pullRoutes,
  ...pullActionRoutes,
  ...issueRoutes,
  ...searchRoutes,
  ...commitRoutes,
  ...compareRoutes,
];

const DEFAULT_LOGIN = 'local-dev';

export function repositoryPaths(dataDir: string, repo: string): { repoPath: string; stateFile: string } {
  const [owner = '', name = ''] = repo.split('/');
  return { repoPath: join(dataDir, owner, `${name}.git`), stateFile: join(dataDir, owner, `${name}.json`) };
}

/** Removes the repository and metadata of `repo` under `dataDir` (what --reset does). */
export async function resetData(dataDir: string, repo: string): Promise<void> {
  const { repoPath, stateFile } = repositoryPaths(dataDir, repo);
  await rm(repoPath, { recursive: true, force: true });
  await rm(stateFile, { force: true });
}

/** Token -> login, or a 401 GitHubError. */
function authenticate(request: IncomingMessage, tokens: Record<string, string> | undefined): string {
  const header = request.headers.authorization;
  if (!header) throw problems.requiresAuthentication();
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw problems.badCredentials();
  if (!tokens) return DEFAULT_LOGIN;
  const login = tokens[match[1]];
  if (login === undefined) throw problems.badCredentials();
  return login;
}

export async function startLocalGitHub(options: LocalGitHubOptions): Promise<LocalGitHub> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new Error(`The local GitHub listens on loopback only, not on ${String(host)}.`);
  const [owner, name, extra] = options.repo.split('/');
  // Both become folder names under dataDir: no "..", no hidden names, nothing but [\w.-].
  const safe = (part: string | undefined): part is string => !!part && /^[\w.-]+$/.test(part) && !part.startsWith('.');
  if (!safe(owner) || !safe(name) || extra !== undefined) {
    throw new Error(`--repo must look like owner/name, not ${JSON.stringify(options.repo)}.`);
  }
  const baseBranch = options.baseBranch ?? 'main';
  const { repoPath, stateFile } = repositoryPaths(options.dataDir, options.repo);
  if (options.reset) await resetData(options.dataDir, options.repo);
  const now = options.now ?? (() => new Date());
  const seedDate = options.now ? now().toISOString() : undefined;
  await ensureRepository({
    repoPath,
    baseBranch,
    identity: { name: 'Local GitHub', email: 'local-github@users.noreply.github.com', ...(seedDate ? { date: seedDate } : {}) },
    ...(options.seedFrom ? { seedFrom: options.seedFrom } : {}),
    ...(options.seedPaths ? { seedPaths: options.seedPaths } : {}),
  });
  const git = new Git(repoPath);
  const store = await Store.open(stateFile);
  const root = (await git.text(['rev-list', '--max-parents=0', baseBranch])).split('\n').pop() ?? '';
  const createdAt = (await git.commitInfo(root)).committer.date;
  const faults = new FaultSwitch();
  for (const fault of options.faults ?? []) faults.arm(FaultSchema.parse(fault));
  const stats = new CallStats();
  const limits = new RateLimits();
  const closing = new AbortController();
  const log = options.log ?? (() => {});
  // Only pages this server renders know it: their forms send it back (see web-actions.ts).
  const webToken = createToken();
  // Only who started the server knows it: the admin switch (faults, stats) asks for it.
  const adminToken = createToken();
  let app: App | undefined;

  function branchUpdated(branch: string, sha: string): void {
    const failed = (error: unknown) => log(`local-github: onBranchUpdated(${branch}) failed: ${(error as Error)?.stack ?? String(error)}`);
    try {
      const result: unknown = options.onBranchUpdated?.(branch, sha);
      if (result instanceof Promise) result.catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  /** A form post of the web view; HTML answers only, a failure logged and never shown. */
  async function handleWebAction(request: IncomingMessage, response: ServerResponse, action: WebAction, number: number, requestId: string): Promise<void> {
    if (!app) throw problems.serverError();
    const headers = { 'x-github-request-id': requestId };
    try {
      const answer = await handleWebPost(app, request, { action, number, token: webToken, port, login: DEFAULT_LOGIN });
      if ('location' in answer) sendRedirect(response, answer.location, headers);
      else sendHtml(response, answer.status, answer.html, headers);
    } catch (caught) {
      if (response.headersSent || closing.signal.aborted) return void response.destroy();
      log(`local-github: ${request.method} ${request.url} failed: ${(caught as Error)?.stack ?? String(caught)}`);
      sendHtml(response, 500, renderRefusal('The local GitHub failed on this request; its log says why.', 'Server error'), headers);
    }
  }

  async function handleApi(request: IncomingMessage, url: URL, pathname: string, requestId: string): Promise<{ reply: Reply; route: Route | null }> {
    const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
    if (!app) throw problems.serverError();
    if (method === 'GET' && pathname === '/') return { reply: { status: 200, body: apiRootJson(app) }, route: null };
    const match = matchRoute(ROUTES, method, pathname);
    const route = match?.route ?? null;
    stats.count(route, method);
    const login = authenticate(request, options.tokens);
    const fault = faults.take(method, route, pathname);
    if (fault?.kind === 'hang') await sleep(fault.ms, undefined, { signal: closing.signal });
    else if (fault) throw faultError(fault, requestId, now());
    if (!match) throw problems.unknownRoute();
    const { owner: wantOwner, repo: wantRepo } = match.params;
    if (wantOwner !== undefined && (wantOwner.toLowerCase() !== owner?.toLowerCase() || wantRepo?.toLowerCase() !== name?.toLowerCase())) {
      throw problems.notFound();
    }
    const body = parseJson(await readBody(request));
    const reply = await match.route.handle({ app, params: match.params, query: url.searchParams, body, login, requestId });
    return { reply, route };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = Date.now();
    const requestId = newRequestId();
    const url = URL.parse(request.url ?? '/', 'http://127.0.0.1') ?? new URL('http://127.0.0.1/');
    // Route on the path as sent: URL parsing would resolve "..", hiding it from the path checks.
    const pathname = (request.url ?? '/').split('?')[0] ?? '/';
    const accept = request.headers.accept ?? '';
    let docs: string | undefined;
    let resource: 'core' | 'search' = pathname.startsWith('/search/') ? 'search' : 'core';
    const headers = () => ({
      ...limits.headers(resource, now()),
      'x-github-request-id': requestId,
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
    });
    try {
      if (!isLoopbackHost(request.headers.host)) throw problems.hostNotAllowed();
      if (pathname.startsWith('/_admin/')) {
        checkAdminToken(request.headers, adminToken);
        const reply = handleAdmin({ faults, stats, now }, request.method ?? 'GET', pathname, parseJson(await readBody(request)));
        sendJson(response, reply.status, reply.body, { 'x-github-request-id': requestId });
        return;
      }
      const pullPage = /^\/pulls\/(\d+)\/?$/.exec(pathname);
      if (request.method === 'GET' && app && (pullPage || (pathname === '/' && accept.includes('text/html')))) {
        const pull = pullPage ? app.store.pull(positiveInt(pullPage[1]) ?? 0) : undefined;
        if (pullPage && !pull) return sendHtml(response, 404, renderNotFound(), { 'x-github-request-id': requestId });
        const html = pull ? await renderPull(app, pull, { token: webToken }) : renderPullList(app);
        return sendHtml(response, 200, html, { 'x-github-request-id': requestId });
      }
      const pullAction = /^\/pulls\/(\d+)\/(merge|close)\/?$/.exec(pathname);
      if (request.method === 'POST' && pullAction) {
        return await handleWebAction(request, response, pullAction[2] as WebAction, positiveInt(pullAction[1]) ?? 0, requestId);
      }
      const { reply, route } = await handleApi(request, url, pathname, requestId);
      docs = route?.docs;
      resource = route?.template.startsWith('/search/') ? 'search' : 'core';
      sendJson(response, reply.status, reply.body, { ...headers(), ...reply.headers });
    } catch (caught) {
      if (response.headersSent || closing.signal.aborted) return void response.destroy();
      const error = caught instanceof GitHubError ? caught : problems.serverError();
      if (!(caught instanceof GitHubError)) log(`local-github: ${request.method} ${pathname} failed: ${(caught as Error)?.stack ?? String(caught)}`);
      docs ??= matchRoute(ROUTES, request.method ?? 'GET', pathname)?.route.docs;
      sendJson(response, error.status, errorBody(error, docs), { ...headers(), ...error.headers });
    } finally {
      log(`${request.method} ${request.url} -> ${response.statusCode} (${Date.now() - started} ms)`);
    }
  }

  // Whatever happens in a request, the server keeps serving: a failure ends that one response.
  const server = createServer((request, response) => void handle(request, response).catch(() => response.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://${host === '::1' ? '[::1]' : host}:${port}`;
  app = {
    owner,
    name,
    fullName: `${owner}/${name}`,
    baseBranch,
    createdAt,
    git,
    store,
    branchLocks: new KeyedLock(),
    apiUrl: base,
    webUrl: base,
    now,
    commitDate: () => (options.now ? now().toISOString() : undefined),
    branchUpdated,
  };
  return {
    url: base,
    apiUrl: base,
    webUrl: base,
    port,
    repoPath,
    stateFile,
    adminToken,
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => {
          git.close();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
