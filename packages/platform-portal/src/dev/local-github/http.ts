/**
 * The HTTP details GitHub's answers share: JSON with `application/json; charset=utf-8`, the
 * x-ratelimit-* headers, x-github-request-id, and bodies read with a size limit.
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { problems } from './errors.ts';

export const BODY_LIMIT = 10 * 1024 * 1024;

/** Reads the whole body; refuses more than `limit` bytes with 413 instead of buffering it. */
export function readBody(request: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(problems.bodyTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/** JSON of a request body; undefined when empty; GitHub's 400 "Problems parsing JSON" when not JSON. */
export function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw problems.problemsParsingJson();
  }
}

/** GitHub's request ids look like "C0DE:1F2E:3A4B5C:6D7E8F:65A0B1C2". */
export function newRequestId(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

/** Counts calls per hour like GitHub's primary rate limit (5000 core, 30 search), never refuses. */
export class RateLimits {
  #windows = new Map<string, { reset: number; used: number }>();

  headers(resource: 'core' | 'search', now: Date): Record<string, string> {
    const limit = resource === 'search' ? 30 : 5000;
    const seconds = Math.floor(now.getTime() / 1000);
    let window = this.#windows.get(resource);
    if (!window || window.reset <= seconds) {
      window = { reset: seconds + (resource === 'search' ? 60 : 3600), used: 0 };
      this.#windows.set(resource, window);
    }
    window.used = Math.min(limit, window.used + 1);
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(limit - window.used),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-reset': String(window.reset),
      'x-ratelimit-resource': resource,
    };
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  const payload = body === undefined || status === 204 ? '' : `${JSON.stringify(body, null, 2)}\n`;
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  });
  response.end(payload);
}

export function sendHtml(response: ServerResponse, status: number, html: string, headers: Record<string, string>): void {
  response.writeHead(status, {
    ...headers,
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(Buffer.byteLength(html)),
    // The page is static HTML: no scripts, nothing loaded from elsewhere, forms post only back
    // here, and no other site may frame it (its Merge button must not be clickjacked).
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    // Pages carry the server's form token and a live state: never from a cache.
    'cache-control': 'no-store',
  });
  response.end(html);
}

/** 303 See Other: after a form post, the browser GETs `location` (no re-post on reload). */
export function sendRedirect(response: ServerResponse, location: string, headers: Record<string, string>): void {
  response.writeHead(303, { ...headers, location, 'content-length': '0', 'cache-control': 'no-store' });
  response.end();
}

/** Hosts a loopback server may be called as; anything else is a DNS-rebinding attempt. */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return true;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0] ?? '';
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host.endsWith('.localhost');
}

/** A fresh random token per server start (the web view's form token, the admin token); 256 bits, URL-safe. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time; hashing first makes both sides the same length. */
export function sameToken(sent: string, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(sent), digest(token));
}
