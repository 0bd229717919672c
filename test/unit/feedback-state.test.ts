/**
 * The rolling feedback summary counted one submission at a time (requests/feedback-summary.ts,
 * feedback-state.ts, feedback-comments.ts): what it must always hold. Counting files in any
 * batches gives the body a rebuild from all of them gives; a body edited by hand never crashes it
 * and is either taken as it checks out or refused (then rebuilt); and the body, state included,
 * stays within GitHub's limit however many pages, comments and stray files pile up.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { feedbackRollingSummary, feedbackSummary } from '../../packages/platform-portal/src/requests/feedback-summary.ts';
import { parseMarker } from '../../packages/platform-portal/src/requests/marker.ts';
import { characters, GITHUB_LIMITS } from '../../packages/platform-portal/src/lib/github-limits.ts';
import type { PullRequestFile } from '../../packages/platform-portal/src/requests/types.ts';

const folder = 'content/feedback/2026-W48/';
const marker = { id: 'a'.repeat(16), type: 'feedback', requester: 'b'.repeat(16) };
const options = { period: '2026-W48', folder, marker };
const summary = feedbackRollingSummary(options);
const sha = (i: number) => i.toString(16).padStart(40, '0');

/** A deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `n` files of a period: pages and areas, ratings, comments (some at the same time), a few not feedback, a few elsewhere. */
function files(n: number, seed = 1): PullRequestFile[] {
  const next = random(seed);
  const pick = <T,>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const path = `${folder}${(i * 7919).toString(16).padStart(16, '0')}.yaml`;
    const kind = next();
    if (kind < 0.08) return { path, content: pick(['rating: eleven', 'not: [yaml', '', 'page: /x/\nrating: 9\ncategory: docs\nsubmitted: 2026-11-24']) };
    if (kind < 0.12) return { path: `content/docs/${i}.md`, content: 'rating: 1' };
    const subject = next() < 0.7 ? { page: pick(['/guides/a/', '/guides/a', '/guides/b/', '/runbooks/c/']) } : { area: pick(['kafka', 'security', 'postgres']) };
    const message = next() < 0.6 ? `Comment ${i}: *not* [a link](https://x.example) @someone #12` : '';
    const submitted = `2026-11-2${Math.floor(next() * 3) + 3}T1${Math.floor(next() * 3)}:00:00Z`;
    return { path, content: stringify({ ...subject, rating: Math.floor(next() * 5) + 1, category: pick(['docs', 'service', 'portal']), message, submitted }) };
  });
}

/** Counts `all` in batches of the given sizes, from a first rebuild, as submissions would. */
function inBatches(all: PullRequestFile[], sizes: number[]): string {
  let at = 0;
  let body: string | undefined;
  for (const [i, size] of sizes.entries()) {
    const batch = all.slice(at, at + size);
    at += size;
    body = body === undefined ? summary.next(null, { head: sha(i), files: batch, rebuild: { complete: true } }) : summary.next(body, { head: sha(i), files: batch });
    expect(body).toBeDefined();
  }
  return body!;
}

describe('the rolling feedback summary', () => {
  it('counted in any batches, is the body a rebuild from all the files gives', () => {
    for (const seed of [1, 2, 3, 4]) {
      const all = files(60, seed);
      const sizes = [[60], Array.from({ length: 60 }, () => 1), [1, 9, 20, 30], [30, 0, 29, 1]][seed - 1]!;
      expect(inBatches(all, sizes), `seed ${seed}`).toBe(feedbackSummary(all, options, { complete: true }, sha(sizes.length - 1)));
    }
  });

  it('names the commit it counted up to, and nothing without one', () => {
    const body = summary.next(null, { head: sha(7), files: files(5), rebuild: { complete: true } })!;
    expect(summary.countedUpTo(body)).toBe(sha(7));
    expect(summary.countedUpTo(feedbackSummary(files(5), options))).toBeUndefined();
    expect(summary.countedUpTo(null)).toBeUndefined();
    expect(summary.next(feedbackSummary(files(5), options), { head: sha(8), files: files(1) })).toBeUndefined();
  });

  it('a body edited by hand never crashes it: its state is taken when it adds up, else the body must be rebuilt', () => {
    const next = random(42);
    const body = summary.next(null, { head: sha(1), files: files(40), rebuild: { complete: true } })!;
    const stateAt = body.indexOf('<!-- portal-feedback-state:');
    const garbage = ['-->', '<', '"', '}', ']', ',', '9', '-1', '1e309', '\\u0000', '\n', '<!-- portal-feedback-state: {} -->'];
    let taken = 0;
    for (let i = 0; i < 500; i++) {
      const at = stateAt + Math.floor(next() * (body.length - stateAt));
      const edited = next() < 0.5 ? body.slice(0, at) + garbage[i % garbage.length] + body.slice(at) : body.slice(0, at) + body.slice(at + 1 + Math.floor(next() * 20));
      const counted = summary.countedUpTo(edited);
      const added = summary.next(edited, { head: sha(2), files: files(3, i) });
      if (counted === undefined) expect(added).toBeUndefined();
      else {
        taken += 1;
        expect(characters(added!)).toBeLessThanOrEqual(GITHUB_LIMITS.body);
      }
      const rebuilt = summary.next(edited, { head: sha(2), files: files(3, i), rebuild: { complete: true } })!;
      expect(rebuilt).toContain('| Submissions |');
    }
    // Most edits break the figures; some (a digit of the commit, a path) still check out.
    expect(taken).toBeLessThan(250);
    for (const text of ['', 'Thanks!', `<!-- portal-feedback-state: ${'{'.repeat(50_000)} -->`, `<!-- portal-feedback-state: {"v":1,"at":"${sha(1)}","n":1e400} -->`, '<!-- portal-feedback-comment: {"submitted":"x"} -->\n**a**\n\n> b']) {
      expect(summary.countedUpTo(text)).toBeUndefined();
      expect(summary.next(text, { head: sha(3), files: files(2) })).toBeUndefined();
    }
  });

  it('a state whose figures do not add up is refused', () => {
    const body = summary.next(null, { head: sha(1), files: files(20), rebuild: { complete: true } })!;
    for (const edit of [/"n":\d+/, /"sum":\d+/, /"commented":\d+/]) {
      expect(summary.countedUpTo(body.replace(edit, (m) => m.replace(/\d+$/, '1000')))).toBeUndefined();
    }
  });

  it('quotes a comment block once, reused as it is, and drops a block edited out of shape', () => {
    const first = summary.next(null, { head: sha(1), files: files(3, 9), rebuild: { complete: true } })!;
    const quoted = (body: string) => body.split('\n').filter((line) => line.startsWith('<!-- portal-feedback-comment:')).length;
    const broken = first.replace(/(<!-- portal-feedback-comment: .* -->\n)\*\*/, '$1\n**');
    expect(quoted(broken)).toBe(quoted(first));
    const again = summary.next(broken, { head: sha(2), files: [] })!;
    expect(quoted(again)).toBe(Math.max(0, quoted(first) - 1));
  });
});

describe('the rolling feedback summary within GitHub\'s limit on a body', () => {
  const long = (i: number) => `/guides/${'p'.repeat(150)}-${i}/`;
  const entry = (i: number, fields: Record<string, unknown> = {}) => ({
    path: `${folder}${i.toString(16).padStart(16, '0')}.yaml`,
    content: stringify({ page: long(i), rating: (i % 5) + 1, category: 'docs', submitted: '2026-11-24T10:00:00Z', ...fields }),
  });

  it('thousands of long page names, loud comments and stray files: every body fits, its state reads back and the totals stay exact', () => {
    const stray = Array.from({ length: 300 }, (_, i) => ({ path: `${folder}${'<u>'.repeat(40)}-${i}.yaml`, content: 'not: [feedback' }));
    const loud = Array.from({ length: 10 }, (_, i) => entry(100_000 + i, { message: '@'.repeat(2000) }));
    let body = summary.next(null, { head: sha(0), files: [...Array.from({ length: 800 }, (_, i) => entry(i)), ...stray, ...loud], rebuild: { complete: true } })!;
    let n = 810;
    for (let batch = 1; batch <= 30; batch++) {
      expect(characters(body)).toBeLessThanOrEqual(GITHUB_LIMITS.body);
      expect(summary.countedUpTo(body)).toBe(sha(batch - 1));
      expect(body).toContain(`| Submissions | ${n} |`);
      expect(parseMarker(body)).toEqual(marker);
      body = summary.next(body, { head: sha(batch), files: Array.from({ length: 50 }, (_, i) => entry(1000 + batch * 50 + i, { message: `${'#'.repeat(1500)} ${batch}` })) })!;
      n += 50;
    }
    expect(body).toMatch(/\n\d+ more pages or areas are in the files\./);
    expect(body).toMatch(/count in the totals only/);
    expect(body).toMatch(/\(and 280 more\)\./);
  });

  it('a page kept by hash, its name past the room for names, gets its name back once it is among the lowest rated', () => {
    const worst = Array.from({ length: 200 }, (_, i) => entry(i, { rating: 3 }));
    const best = { path: `${folder}best.yaml`, content: stringify({ page: '/guides/the-best/', rating: 5, category: 'docs', submitted: '2026-11-24T10:00:00Z' }) };
    const body = summary.next(null, { head: sha(0), files: [...worst, best], rebuild: { complete: true } })!;
    const state = (text: string) => text.match(/<!-- portal-feedback-state: (.*) -->/)![1]!;
    expect(state(body)).not.toContain('/guides/the-best/');
    // Rated 1 now: 3.0 on average, like the others, but from two submissions, which sorts it first.
    const again = summary.next(body, { head: sha(1), files: [{ path: `${folder}best-again.yaml`, content: best.content.replace('rating: 5', 'rating: 1') }] })!;
    expect(state(again)).toContain('["/guides/the-best/",2,6]');
    expect(again).toContain('| `/guides/the-best/` | 2 | 3.0 |');
  });
});
