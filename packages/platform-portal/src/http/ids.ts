import { HttpProblem } from './problems.ts';

/**
 * The secret of `platform-portal start`, the tests and dev mode without PORTAL_ID_SECRET. It is
 * public (it is in the package), so AUTH_MODE=access refuses it (http/edge-config.ts).
 */
export const DEV_ID_SECRET = 'platform-portal-development-id-secret-not-for-production';

const encoder = new TextEncoder();

/**
 * HMAC-SHA-256 of `message` keyed with `secret`, in hex. The ids below end up in public pull
 * requests (markers, file names, commit messages); keyed, nobody without the secret can test a
 * guessed address or content against them, as anyone could against a plain SHA-256.
 */
async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with keys sorted at every level: the same request gives the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stands for a person in markers and search terms, keyed with the deployment's secret: My requests
 * finds a person's pull requests by it, and without the secret it tells nothing about who they are.
 */
export async function requesterHash(secret: string, email: string): Promise<string> {
  return (await hmacHex(secret, `requester:${email.trim().toLowerCase()}`)).slice(0, 32);
}

const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

export interface Submission {
  type: string;
  /** The requester's hash (requesterHash). */
  requester: string;
  /** The Idempotency-Key header, or null without one. */
  key: string | null;
  /** The parsed request. */
  request: unknown;
}

/**
 * The submission's id: from its Idempotency-Key, or without one from the request's content, so
 * the same request from the same person is the same submission. Keyed like the requester's hash:
 * without the secret, an id confirms no guess of the content or of the person.
 */
export async function submissionId(secret: string, { type, requester, key, request }: Submission): Promise<string> {
  if (key !== null) {
    if (!KEY_PATTERN.test(key)) throw new HttpProblem('invalid-idempotency-key', 'Use 8 to 200 visible ASCII characters, e.g. a UUID, and keep it for retries of the same submission.');
    return (await hmacHex(secret, `submission:${type}:${requester}:key:${key}`)).slice(0, 32);
  }
  return (await hmacHex(secret, `submission:${type}:${requester}:content:${canonicalJson(request)}`)).slice(0, 32);
}
