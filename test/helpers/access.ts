import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

const TEAM = 'test-team.cloudflareaccess.com';
const AUD = 'a'.repeat(64);
const KID = 'access-key-1';

export interface AccessKeys {
  /** The functions' variables for AUTH_MODE=access with these keys (and a secret of their own). */
  env: Record<string, string>;
  /** The Cf-Access-Jwt-Assertion header that signs `email` in. */
  signIn(email: string): Promise<Record<string, string>>;
  close(): void;
}

/** Cloudflare Access as the functions see it: its keys served on loopback, tokens signed with them. */
export async function startAccessKeys(): Promise<AccessKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { AUTH_MODE: 'access', ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ACCESS_JWKS_URL: `http://127.0.0.1:${port}/certs`, PORTAL_ID_SECRET: 'access-test-secret-0123456789abcdef' },
    async signIn(email) {
      const token = await new SignJWT({ email })
        .setProtectedHeader({ alg: 'RS256', kid: KID })
        .setIssuer(`https://${TEAM}`)
        .setAudience(AUD)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return { 'cf-access-jwt-assertion': token };
    },
    close: () => server.close(),
  };
}
