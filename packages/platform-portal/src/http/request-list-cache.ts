/**
 * A person's request list, kept briefly in the isolate's memory, so that reloading My requests
 * does not list again from GitHub: a listing costs up to 41 calls.
 *
 * Not the Workers Cache API: Cloudflare's docs say it is not available to Workers behind Access,
 * where every portal runs (https://developers.cloudflare.com/workers/runtime-apis/cache/), so it
 * would cache nothing where it matters. An isolate serves many requests of its data center, and the
 * same person's reloads mostly reach the same warm isolate; another isolate simply reads GitHub.
 *
 * - Keyed by the person's requester hash (never the address); at most MAX_LISTS lists, the oldest
 *   dropped first, so memory stays small whatever the traffic.
 * - Dropped after the person's own submission, in the isolate that took it; a list kept elsewhere
 *   is at most PORTAL_LIST_CACHE_SECONDS old, and the page's Refresh asks past it (`no-cache`).
 */

/**
 * How long a list is kept unless PORTAL_LIST_CACHE_SECONDS says otherwise (http/edge-config.ts):
 * review and checks move in minutes, and a person's own submission drops their list.
 */
export const DEFAULT_LIST_CACHE_SECONDS = 30;

/** Lists kept per isolate at most: a few MB at worst, within a Worker's 128 MB. */
export const MAX_LISTS = 200;

interface Kept {
  list: unknown;
  /** When it was read from GitHub, in milliseconds since the epoch. */
  listedAt: number;
}

/** By requester hash, in the order they were kept (a Map keeps insertion order). */
const lists = new Map<string, Kept>();

export interface CachedList {
  /** The answer's body as it was kept. */
  list: unknown;
  /** Whole seconds since it was read from GitHub: the answer's `age`. */
  ageSeconds: number;
}

/** The person's list if one is kept and younger than `seconds` (0: none is). */
export function cachedList(requester: string, seconds: number, now = Date.now()): CachedList | undefined {
  const kept = seconds > 0 ? lists.get(requester) : undefined;
  if (!kept) return undefined;
  const ageSeconds = Math.floor((now - kept.listedAt) / 1000);
  // Also refuses a list from the future, or kept for longer before the setting was lowered.
  return ageSeconds >= 0 && ageSeconds < seconds ? { list: kept.list, ageSeconds } : undefined;
}

/** Keeps the person's list for `seconds` (0: not at all). */
export function keepList(requester: string, list: unknown, seconds: number, now = Date.now()): void {
  if (seconds <= 0) return;
  lists.delete(requester);
  lists.set(requester, { list, listedAt: now });
  for (const [oldest] of lists) {
    if (lists.size <= MAX_LISTS) break;
    lists.delete(oldest);
  }
}

/** Drops the person's list, after their own submission. */
export function forgetList(requester: string): void {
  lists.delete(requester);
}
