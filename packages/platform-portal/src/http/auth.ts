import type { Requester } from '../requests/types.ts';
import { verifyWithAccessKeys } from './access-keys.ts';
import type { AuthConfig } from './edge-config.ts';
import { HttpProblem } from './problems.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host name of a Host-style value ("name:port", "[::1]:port"), lower-cased; undefined if it is not one. */
function hostname(host: string): string | undefined {
  try {
    return new URL(`http://${host.trim()}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Whether the request was made on this machine: its URL and, when sent, its Host and
 * X-Forwarded-Host name a loopback address. On Cloudflare the URL's host is the Host header; under
 * `wrangler pages dev` behind a tunnel or proxy (cloudflared, ngrok) the original name is in Host
 * or X-Forwarded-Host while the URL may say 127.0.0.1.
 */
function isLoopbackRequest(request: Request): boolean {
  const names = [new URL(request.url).hostname.toLowerCase()];
  for (const header of ['host', 'x-forwarded-host']) {
    const value = request.headers.get(header);
    if (value !== null) names.push(...value.split(',').map((v) => hostname(v) ?? ''));
  }
  return names.every((name) => LOOPBACK.has(name));
}

const DEV_MODE_REMOTE =
  'AUTH_MODE=dev only works when the site is opened on this machine (127.0.0.1, localhost or ::1); set AUTH_MODE=access for a deployed site.';

/**
 * Who is asking: the identity Cloudflare Access asserts in `Cf-Access-Jwt-Assertion` (signature,
 * audience, issuer and expiry checked), or in dev mode the configured person, on loopback only:
 * dev mode trusts anyone, so a deployed site left with AUTH_MODE=dev answers 503 instead.
 */
export async function authenticate(request: Request, auth: AuthConfig): Promise<Requester> {
  if (auth.AUTH_MODE === 'dev') {
    if (!isLoopbackRequest(request)) throw new HttpProblem('not-configured', DEV_MODE_REMOTE, { errors: [{ path: 'AUTH_MODE', message: DEV_MODE_REMOTE }] });
    return { email: auth.DEV_USER_EMAIL, name: auth.DEV_USER_NAME };
  }
  const token = request.headers.get('cf-access-jwt-assertion');
  if (!token) throw new HttpProblem('unauthenticated', 'Sign in through Cloudflare Access: the request has no Cf-Access-Jwt-Assertion header.');
  const issuer = `https://${auth.ACCESS_TEAM_DOMAIN}`;
  try {
    const { payload } = await verifyWithAccessKeys(token, auth.ACCESS_JWKS_URL ?? `${issuer}/cdn-cgi/access/certs`, {
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
