import { describe, expect, it } from 'vitest';
import { reviewStaleness } from '../../packages/platform-portal/src/lib/staleness.ts';

const now = new Date('2026-11-25T12:00:00Z');

describe('runbook staleness', () => {
  it('is fresh up to the configured age and stale after it', () => {
    expect(reviewStaleness(new Date('2026-05-29'), now, 180)).toEqual({ ageDays: 180, stale: false });
    expect(reviewStaleness(new Date('2026-05-28'), now, 180)).toEqual({ ageDays: 181, stale: true });
  });

  it('treats a review date in the future as reviewed today', () => {
    expect(reviewStaleness(new Date('2027-01-01'), now, 30)).toEqual({ ageDays: 0, stale: false });
  });
});
