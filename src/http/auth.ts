import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Requester } from '../requests/types.ts';
import type { AuthConfig } from './edge-config.ts';
import { HttpProblem } from './problems.ts';

// Key sets are public and jose refreshes them itself; keeping them across requests of an isolate
// saves a fetch of the JWKS per request and shares no request data.
const keySets = new Map<string, JWTVerifyGetKey>();

function keySet(url: string): JWTVerifyGetKey {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url));
    keySets.set(url, keys);
  }
  return keys;
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
    const { payload } = await jwtVerify(token, keySet(auth.ACCESS_JWKS_URL ?? `${issuer}/cdn-cgi/access/certs`), {
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
