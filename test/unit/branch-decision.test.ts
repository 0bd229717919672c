/**
 * What a request does with a branch that exists already (github/branches.ts, `decide`): pure,
 * from what GitHub holds. A branch without a pull request never jams its name: the same
 * submission finishes it while it is young, and once it is abandoned the next attempt, of any
 * submission, moves on to the next generation of the name.
 */
import { describe, expect, it } from 'vitest';
import { ABANDONED_AFTER_MS, decide, FINISH_WITHIN_MS, generation, OPEN_WITHIN_MS, withTrailer, type Examined, type PullOfBranch } from '../../packages/platform-portal/src/github/branches.ts';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const ME = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const pull = (number: number, state: 'open' | 'closed', extra: Partial<PullOfBranch> = {}): PullOfBranch => ({ number, html_url: `https://github.test/pull/${number}`, state, merged_at: null, body: `marker ${OTHER}`, head: { sha: 'head' }, ...extra });
const branch = (extra: Partial<Examined>): Examined => ({ pulls: [], head: 'head', ahead: 1, behind: 0, mergeBase: 'base', commits: [{ message: withTrailer('Set a quota', OTHER), date: ago(1000) }], ...extra });
const context = (mode: 'single' | 'rolling' | 'refresh' = 'single') => ({ mode, requestId: ME, now: NOW, mine: (body: string | null) => body?.includes(ME) ?? false });
const commitsOf = (id: string, age: number) => [{ message: withTrailer('Onboard tenant reco', id), date: ago(age) }];

describe('a branch with a pull request', () => {
  it('single: its own open pull request is the answer; another submission\'s is a conflict', () => {
    const own = pull(7, 'open', { body: `marker ${ME}` });
    expect(decide(branch({ pulls: [own] }), context())).toEqual({ act: 'return', pull: own });
    expect(decide(branch({ pulls: [pull(8, 'open')] }), context())).toMatchObject({ act: 'conflict', pull: { number: 8 } });
  });

  it('rolling and refresh: the open pull request is shared, files are added or replaced', () => {
    expect(decide(branch({ pulls: [pull(9, 'open')] }), context('rolling'))).toMatchObject({ act: 'use', overwrite: 'keep', open: { number: 9 } });
    expect(decide(branch({ pulls: [pull(9, 'open')] }), context('refresh'))).toMatchObject({ act: 'use', overwrite: 'any' });
  });

  it('left over from a closed pull request: the next generation, which follows it', () => {
    const closed = pull(5, 'closed');
    expect(decide(branch({ pulls: [closed] }), context())).toEqual({ act: 'next', follows: closed });
    expect(decide(branch({ pulls: [closed] }), context('rolling'))).toEqual({ act: 'next' });
  });

  it('left over from a merged pull request: that one, when it carried this submission; else the next generation', () => {
    const merged = pull(6, 'closed', { merged_at: ago(5000), body: `marker ${ME}` });
    expect(decide(branch({ pulls: [merged] }), context())).toEqual({ act: 'return', pull: merged });
    expect(decide(branch({ pulls: [{ ...merged, body: 'other' }] }), context())).toEqual({ act: 'next' });
  });

  it('a closed pull request at another tip belongs to an earlier life of the name: the branch is judged by its commits', () => {
    expect(decide(branch({ pulls: [pull(5, 'closed', { head: { sha: 'older' } })], commits: commitsOf(ME, 1000) }), context())).toEqual({ act: 'use', overwrite: 'own' });
  });
});

describe('a branch without a pull request', () => {
  it('empty (created, not written): anyone writes on it, moved to the base first when the base has moved', () => {
    expect(decide(branch({ ahead: 0, commits: [] }), context())).toEqual({ act: 'use', overwrite: 'base', fastForward: false });
    expect(decide(branch({ ahead: 0, behind: 2, commits: [] }), context())).toEqual({ act: 'use', overwrite: 'base', fastForward: true });
  });

  it('its own and young: a retry of the same submission finishes it, over its own earlier files', () => {
    expect(decide(branch({ commits: commitsOf(ME, FINISH_WITHIN_MS - 1000) }), context())).toEqual({ act: 'use', overwrite: 'own' });
  });

  it("another submission's and young: wait until it is abandoned, told how long", () => {
    expect(decide(branch({ commits: commitsOf(OTHER, 60_000) }), context())).toEqual({ act: 'wait', seconds: (ABANDONED_AFTER_MS - 60_000) / 1000, mine: false });
  });

  it('its own but past finishing: wait too, so no attempt that decided to finish it can still be opening a pull request', () => {
    expect(decide(branch({ commits: commitsOf(ME, FINISH_WITHIN_MS + 1000) }), context())).toMatchObject({ act: 'wait', mine: true });
  });

  it('abandoned (the newest commit older than the limit): the next generation, for any submission, this one too', () => {
    expect(decide(branch({ commits: commitsOf(OTHER, ABANDONED_AFTER_MS) }), context())).toEqual({ act: 'next' });
    expect(decide(branch({ commits: commitsOf(ME, 24 * 3600_000) }), context())).toEqual({ act: 'next' });
  });

  it('with a commit that names no submission (pushed by hand): never finished, abandoned like any other', () => {
    expect(decide(branch({ commits: [{ message: 'fix typo', date: ago(1000) }] }), context())).toMatchObject({ act: 'wait', mine: false });
  });

  it('rolling and refresh: shared, used by whoever comes', () => {
    expect(decide(branch({ commits: commitsOf(OTHER, 1000) }), context('rolling'))).toEqual({ act: 'use', overwrite: 'keep' });
  });
});

describe('the limits hold together', () => {
  it('an attempt that decided to open a pull request has done so, or given up, before anyone takes its branch for abandoned', () => {
    // Finishing is decided while the newest commit is younger than FINISH_WITHIN_MS; the pull
    // request is asked for within OPEN_WITHIN_MS of the attempt's start; one call takes 75 s at most.
    expect(FINISH_WITHIN_MS + OPEN_WITHIN_MS + 75_000).toBeLessThan(ABANDONED_AFTER_MS);
  });

  it('names generations branch, branch.2, branch.3, and marks commits with their submission once', () => {
    expect([1, 2, 3].map((n) => generation('requests/onboarding/reco', n))).toEqual(['requests/onboarding/reco', 'requests/onboarding/reco.2', 'requests/onboarding/reco.3']);
    expect(withTrailer(withTrailer('Onboard', ME), OTHER)).toBe(`Onboard\n\nPortal-Request: ${ME}`);
  });
});
