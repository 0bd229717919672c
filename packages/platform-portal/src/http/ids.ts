import { HttpProblem } from './problems.ts';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
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

/** Identifies a person without putting their address into markers and search terms. */
export async function requesterHash(email: string): Promise<string> {
  return (await sha256Hex(`requester:${email.trim().toLowerCase()}`)).slice(0, 32);
}

const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

/**
 * The submission's id: from its Idempotency-Key, or without one from the request's content, so
 * the same request from the same person is the same submission.
 */
export async function submissionId(type: string, requester: string, key: string | null, request: unknown): Promise<string> {
  if (key !== null) {
    if (!KEY_PATTERN.test(key)) throw new HttpProblem('invalid-idempotency-key', 'Use 8 to 200 visible ASCII characters, e.g. a UUID, and keep it for retries of the same submission.');
    return (await sha256Hex(`${type}:${requester}:key:${key}`)).slice(0, 32);
  }
  return (await sha256Hex(`${type}:${requester}:content:${canonicalJson(request)}`)).slice(0, 32);
}
