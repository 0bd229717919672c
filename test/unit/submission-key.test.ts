/**
 * One client, one rule (islands/submit-request.ts, used by the forms and the page feedback
 * widget): a retry of the same body keeps its Idempotency-Key, a changed body gets a new one.
 */
import { describe, expect, it } from 'vitest';
import { outcomeOf, submissionFor } from '../../packages/platform-portal/src/islands/submit-request.ts';

let n = 0;
const keys = () => `key-${++n}`;
const rating = (value: number) => JSON.stringify({ page: '/guides/getting-started/', rating: value, category: 'docs' });

describe('the key of a submission', () => {
  it('is new for a first attempt, and kept by every retry of the same body', () => {
    const first = submissionFor(undefined, rating(2), keys);
    expect(submissionFor(first, rating(2), keys)).toBe(first);
    expect(submissionFor(submissionFor(first, rating(2), keys), rating(2), keys).key).toBe(first.key);
  });

  it('is new when the body changed after a half-finished attempt: a corrected rating is a submission of its own', () => {
    const first = submissionFor(undefined, rating(2), keys);
    const corrected = submissionFor(first, rating(4), keys);
    expect(corrected).toEqual({ key: expect.any(String), body: rating(4) });
    expect(corrected.key).not.toBe(first.key);
    // Changing it back is a third submission: the key belongs to one attempt of one body.
    expect(submissionFor(corrected, rating(2), keys).key).not.toBe(first.key);
  });

  it('ignores what is not a kept attempt (an older widget stored a bare key)', () => {
    expect(submissionFor({ key: undefined, body: rating(2) } as never, rating(2), keys).key).toMatch(/^key-/);
  });
});

describe('a 409 without a pull request', () => {
  it('is a retry when the server says it is retryable: another attempt may still open it', () => {
    expect(outcomeOf(409, { title: 'Already requested', detail: 'Try again in 300 seconds.', retryable: true })).toMatchObject({ kind: 'retry' });
    expect(outcomeOf(409, { title: 'Already requested', detail: 'x', pullRequest: { number: 3, url: 'https://github.test/pull/3' } })).toMatchObject({ kind: 'conflict', pullRequest: { number: 3 } });
  });
});
