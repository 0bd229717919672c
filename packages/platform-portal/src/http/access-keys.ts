import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyOptions, type JWTVerifyResult } from 'jose';
import { HttpProblem } from './problems.ts';

/**
 * Cloudflare Access' signing keys, per isolate. Kept as plain data (no pending fetch is shared:
 * a Worker may not let one request wait on I/O another request started), and read from Access
 * at most once per cooldown whatever the tokens say, so that a flood of tokens with made-up key
 * ids costs one fetch a minute, not one each. A failed fetch keeps the keys already known.
 * Access publishes its current and its previous key: https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
 */
const KEYS_TTL_MS = 600_000;
const REFETCH_COOLDOWN_MS = 60_000;
const FETCH_TIMEOUT_MS = 5000;

interface KeyEntry {
  /** The last keys read; undefined while none could be. */
  keys: JSONWebKeySet | undefined;
  /** When `keys` were read. */
  fetchedAt: number;
  /** When a fetch was last started, whether it worked or not. */
  triedAt: number;
  /** Why the last fetch failed, if it did. */
  failure: string | undefined;
}

const keyCache = new Map<string, KeyEntry>();

async function fetchKeys(url: string): Promise<JSONWebKeySet> {
  const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body: unknown = await response.json().catch(() => undefined);
  if (typeof body !== 'object' || body === null || !Array.isArray((body as JSONWebKeySet).keys)) throw new Error(`${url} sent no key set`);
  return body as JSONWebKeySet;
}

/** Reads the keys again; on failure keeps the ones known. The try is recorded before the fetch, so concurrent requests do not pile on. */
async function refresh(url: string, entry: KeyEntry | undefined): Promise<KeyEntry> {
  const triedAt = Date.now();
  if (entry) keyCache.set(url, { ...entry, triedAt });
  let next: KeyEntry;
  try {
    next = { keys: await fetchKeys(url), fetchedAt: Date.now(), triedAt, failure: undefined };
  } catch (error) {
    const failure = error instanceof Error ? error.message : String(error);
    next = { keys: entry?.keys, fetchedAt: entry?.fetchedAt ?? 0, triedAt, failure };
  }
  keyCache.set(url, next);
  return next;
}

const coolingDown = (entry: KeyEntry) => Date.now() - entry.triedAt < REFETCH_COOLDOWN_MS;

async function currentKeys(url: string): Promise<KeyEntry> {
  const entry = keyCache.get(url);
  if (!entry) return refresh(url, undefined);
  // An entry without keys is one whose fetches failed: it waits out the cooldown like the rest.
  const stale = !entry.keys || Date.now() - entry.fetchedAt >= KEYS_TTL_MS;
  return stale && !coolingDown(entry) ? refresh(url, entry) : entry;
}

function unreadable(entry: KeyEntry): HttpProblem {
  return new HttpProblem('unauthenticated', `The portal could not read Access' signing keys (${entry.failure ?? 'no answer'}); try again in a minute.`);
}

const unknownKey = () =>
  new HttpProblem('unauthenticated', 'The Access token is signed with a key that Access does not list; sign in again, or wait a minute if Access has just changed its keys.');

/** Verifies `token` with the keys at `url`; a key id not among them fetches the keys again, once per cooldown. */
export async function verifyWithAccessKeys(token: string, url: string, options: JWTVerifyOptions): Promise<JWTVerifyResult> {
  let entry = await currentKeys(url);
  if (!entry.keys) throw unreadable(entry);
  try {
    return await jwtVerify(token, createLocalJWKSet(entry.keys), options);
  } catch (error) {
    if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
  }
  if (coolingDown(entry)) throw unknownKey();
  entry = await refresh(url, entry);
  if (!entry.keys) throw unreadable(entry);
  try {
    return await jwtVerify(token, createLocalJWKSet(entry.keys), options);
  } catch (error) {
    throw error instanceof errors.JWKSNoMatchingKey ? unknownKey() : error;
  }
}
