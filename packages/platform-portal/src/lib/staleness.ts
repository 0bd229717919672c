const DAY_MS = 86_400_000;

/** Whole days from `since` to `now`, never negative. */
export function daysBetween(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

export interface Staleness {
  ageDays: number;
  stale: boolean;
}

/** A review is stale once it is older than `maxAgeDays`. */
export function reviewStaleness(lastReviewed: Date, now: Date, maxAgeDays: number): Staleness {
  const ageDays = daysBetween(lastReviewed, now);
  return { ageDays, stale: ageDays > maxAgeDays };
}
