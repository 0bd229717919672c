import { describe, expect, it } from 'vitest';
import { checksState, reviewState, secondsBetween, stageOf } from '../../packages/platform-portal/src/lib/request-lifecycle.ts';

const review = (user: string, state: string) => ({ user, state });

describe('review state', () => {
  it("takes each reviewer's latest decision: an approval after requested changes approves", () => {
    expect(reviewState([review('ana', 'CHANGES_REQUESTED'), review('ana', 'APPROVED')], 0)).toBe('approved');
    expect(reviewState([review('ana', 'APPROVED'), review('ana', 'CHANGES_REQUESTED')], 0)).toBe('changes-requested');
  });

  it('blocks on any reviewer who requested changes, whoever else approved', () => {
    expect(reviewState([review('ana', 'CHANGES_REQUESTED'), review('ben', 'APPROVED')], 0)).toBe('changes-requested');
  });

  it('ignores comments and pending reviews, and forgets dismissed decisions', () => {
    expect(reviewState([review('ana', 'APPROVED'), review('ana', 'COMMENTED')], 0)).toBe('approved');
    expect(reviewState([review('ana', 'CHANGES_REQUESTED'), review('ana', 'DISMISSED'), review('ben', 'PENDING')], 1)).toBe('requested');
    expect(reviewState([review('ana', 'COMMENTED')], 0)).toBe('none');
  });
});

describe('checks state', () => {
  const none = { state: 'pending', total_count: 0 };
  it('is none without statuses or check runs, though GitHub calls that combined state pending', () => {
    expect(checksState(none, [])).toBe('none');
  });

  it('fails on a failing status or a failed, timed-out or cancelled run; else waits on pending ones', () => {
    expect(checksState({ state: 'failure', total_count: 2 }, [])).toBe('failing');
    expect(checksState(none, [{ status: 'completed', conclusion: 'timed_out' }, { status: 'in_progress', conclusion: null }])).toBe('failing');
    expect(checksState({ state: 'success', total_count: 1 }, [{ status: 'queued', conclusion: null }])).toBe('pending');
    expect(checksState({ state: 'pending', total_count: 1 }, [])).toBe('pending');
  });

  it('passes when every status succeeded and every run succeeded, was neutral or skipped', () => {
    expect(checksState({ state: 'success', total_count: 1 }, [])).toBe('passing');
    expect(checksState(none, [{ status: 'completed', conclusion: 'success' }, { status: 'completed', conclusion: 'skipped' }])).toBe('passing');
  });
});

describe('stage and durations', () => {
  it('is live only when merged and the deployed build contains the merge', () => {
    expect(stageOf('merged', true)).toBe('live');
    expect(stageOf('merged', false)).toBe('merged');
    expect(stageOf('merged', null)).toBe('merged');
    expect(stageOf('open', null)).toBe('open');
  });

  it('counts whole seconds, never negative, null while a time is missing', () => {
    expect(secondsBetween('2026-11-25T10:00:00Z', '2026-11-25T12:30:05Z')).toBe(9005);
    expect(secondsBetween('2026-11-25T10:00:00Z', '2026-11-25T09:59:00Z')).toBe(0);
    expect(secondsBetween('2026-11-25T10:00:00Z', null)).toBeNull();
  });
});
