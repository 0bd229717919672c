import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyOptions } from 'jose';
import type { Requester } from '../requests/types.ts';
import type { AuthConfig } from './edge-config.ts';
import { HttpProblem } from './problems.ts';

// The keys (plain JSON, no pending I/O: a Worker may not share that between requests) are kept
// for ten minutes; a token signed by a key not among them makes us fetch them again once.
const KEYS_TTL_MS = 600_000;
const keyCache = new Map<string, { keys: JSONWebKeySet; fetchedAt: number }>();

async function fetchKeys(url: string): Promise<JSONWebKeySet> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`the signing keys at ${url} answered ${response.status}`);
  const keys = (await response.json()) as JSONWebKeySet;
  keyCache.set(url, { keys, fetchedAt: Date.now() });
  return keys;
}

async function verify(token: string, url: string, options: JWTVerifyOptions) {
  const cached = keyCache.get(url);
  const fresh = cached && Date.now() - cached.fetchedAt < KEYS_TTL_MS;
  try {
    return await jwtVerify(token, createLocalJWKSet(fresh ? cached.keys : await fetchKeys(url)), options);
  } catch (error) {
    if (!fresh || !(error instanceof errors.JWKSNoMatchingKey)) throw error;
    return jwtVerify(token, createLocalJWKSet(await fetchKeys(url)), options);
  }
}

/**
 * Who is asking: the identity Cloudflare Access asserts in `Cf-Access-Jwt-Assertion` (signature,
 * audience, issuer and expiry checked), or in dev mode the configured person.
 */
export async function authenticate(request: Request, auth: AuthConfig): Promise<Requester> {
  if (auth.AUTH_MODE === 'dev') return { email: auth.DEV_USER_EMAIL, name: auth.DEV_USER_NAME };
  const token = request.headers.get('cf-access-jwt-assertion');
  if (!token) throw new HttpProblem('unauthenticated', 'Sign in through Cloudflare Access: the request has no Cf-Access-Jwt-Assertion header.');
  const issuer = `https://${auth.ACCESS_TEAM_DOMAIN}`;
  try {
    const { payload } = await verify(token, auth.ACCESS_JWKS_URL ?? `${issuer}/cdn-cgi/access/certs`, {
      issuer,
      audience: auth.ACCESS_AUD,
      algorithms: ['RS256', 'ES256'],
    });
    if (typeof payload.email !== 'string' || !payload.email.includes('@')) {
      throw new HttpProblem('unauthenticated', 'The Access token names no person (no email claim); sign in as a user, not a service token.');
    }
    return { email: payload.email, name: typeof payload.name === 'string' ? payload.name : undefined };
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    const reason = error instanceof Error ? error.message : 'it could not be verified';
    throw new HttpProblem('unauthenticated', `The Access token is not valid (${reason}); sign in again.`);
  }
}
