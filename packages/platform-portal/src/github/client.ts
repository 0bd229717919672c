import { Octokit } from 'octokit';
// `octokit` documents App auth as this strategy passed to its `Octokit` (its `App` class takes no
// token cache); the package is the copy `octokit` itself depends on.
import { createAppAuth } from '@octokit/auth-app';
import Bottleneck from 'bottleneck/light.js';
import type { GitHubConfig } from './config.ts';

/**
 * The one GitHub client: `octokit`'s `Octokit`, which comes with the REST methods, pagination and
 * GitHub's own retry and throttling plugins; `createGitHub` sets their policy.
 */
export type GitHub = Octokit;

/** Longest wait a rate limit may ask for before we answer 429 instead of keeping the person waiting. */
const MAX_RATE_LIMIT_WAIT_S = 20;
const MAX_RETRIES = 2;
/**
 * No client error is retried as it is: plugin-retry's own list leaves out 409 and 429, and would
 * send a stale write again (ensureFile in files.ts reads and decides again instead) and repeat a
 * rate-limited call without its `retry-after` (the throttle below waits it out, or gives up).
 */
const CLIENT_ERRORS = Array.from({ length: 100 }, (_, i) => 400 + i);

/**
 * Octokit's throttling keeps its limiters in module scope by default. In a Worker, a request that
 * waits on a timer another request created is cancelled as hung, so every client gets its own.
 * GitHub asks for a pause between content-creating calls
 * (docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api); the interval is
 * configurable so that a local GitHub need not wait.
 */
function limiters(intervalMs: number) {
  return {
    global: new Bottleneck.Group({ id: 'portal-global', maxConcurrent: 10 }),
    auth: new Bottleneck.Group({ id: 'portal-auth', maxConcurrent: 1 }),
    search: new Bottleneck.Group({ id: 'portal-search', maxConcurrent: 1, minTime: intervalMs * 2 }),
    write: new Bottleneck.Group({ id: 'portal-write', maxConcurrent: 1, minTime: intervalMs }),
    notifications: new Bottleneck.Group({ id: 'portal-notifications', maxConcurrent: 1, minTime: intervalMs }),
    retryLimiter: new Bottleneck(),
  };
}

/** Mint a new installation token when the cached one has less than this left: enough for one request's calls and retries. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/**
 * Installation tokens per isolate (GitHub's last an hour), as plain data: a token and its expiry.
 * auth-app keeps its own cache per client, and a client lives for one request, so without this
 * every request would mint a token first.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
 */
const installationTokens = new Map<string, { value: string; expiresAt: number }>();

/**
 * auth-app's cache interface over `installationTokens`, keyed also by API and app (auth-app's own
 * key names the installation only). Its value is `token|createdAt|expiresAt|...`; a value whose
 * expiry cannot be read is not kept.
 */
function tokenCache(apiUrl: string, appId: string) {
  const scoped = (key: string) => `${apiUrl}|${appId}|${key}`;
  return {
    get(key: string): string {
      const entry = installationTokens.get(scoped(key));
      // auth-app takes a falsy answer for a miss.
      return entry && entry.expiresAt - Date.now() > TOKEN_MARGIN_MS ? entry.value : '';
    },
    set(key: string, value: string): void {
      const expiresAt = Date.parse(value.split('|')[2] ?? '');
      if (Number.isNaN(expiresAt)) return;
      for (const [k, entry] of installationTokens) if (entry.expiresAt <= Date.now()) installationTokens.delete(k);
      installationTokens.set(scoped(key), { value, expiresAt });
    },
  };
}

export function createGitHub(config: GitHubConfig): GitHub {
  const auth =
    config.auth.kind === 'token'
      ? { auth: config.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: config.auth.appId,
            privateKey: config.auth.privateKey,
            installationId: config.auth.installationId,
            cache: tokenCache(config.apiUrl, config.auth.appId),
          },
        };
  return new Octokit({
    ...auth,
    baseUrl: config.apiUrl,
    userAgent: 'platform-portal',
    request: {
      fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) }),
    },
    // Not `request.retries`: plugin-retry reads that on every error and would retry even a 422.
    retry: { retries: MAX_RETRIES, retryAfterBaseValue: config.retryBaseMs, doNotRetry: CLIENT_ERRORS },
    throttle: {
      ...limiters(config.writeIntervalMs),
      retryAfterBaseValue: config.retryBaseMs,
      // Secondary rate limits: https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
      onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < MAX_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
      onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
        retryCount < MAX_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_S,
    },
  });
}
