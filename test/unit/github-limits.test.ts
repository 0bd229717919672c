/**
 * Every text of a request's pull request sized to GitHub's limits after escaping, before anything
 * is written: just under each limit passes, just over is a problem naming the request field that
 * fills the part.
 */
import { describe, expect, it } from 'vitest';
import { characters, GITHUB_LIMITS, oversizedParts, REQUEST_LIMITS, utf8Bytes } from '../../packages/platform-portal/src/lib/github-limits.ts';
import { assertFits, fitProblems } from '../../packages/platform-portal/src/requests/fit.ts';
import { code, escapeInline, quoteBlock } from '../../packages/platform-portal/src/lib/markdown.ts';
import { RequestRefused } from '../../packages/platform-portal/src/requests/types.ts';

const change = (parts: Partial<{ title: string; body: string; commitMessage: string; files: { path: string; content: string }[] }>) => ({
  title: 'A title',
  body: 'A body',
  commitMessage: 'A message',
  files: [],
  ...parts,
});

describe('measuring as GitHub does', () => {
  it('counts characters as code points and files in UTF-8 bytes', () => {
    expect(characters('🙂'.repeat(3))).toBe(3);
    expect(characters('a\u2060b')).toBe(3);
    expect(utf8Bytes('aü€🙂')).toBe(Buffer.byteLength('aü€🙂'));
    const mixed = 'x ü € 🙂 \ud800'.repeat(1000);
    expect(utf8Bytes(mixed)).toBe(Buffer.byteLength(mixed));
  });

  it.each([
    ['title', GITHUB_LIMITS.title],
    ['body', GITHUB_LIMITS.body],
    ['commitMessage', GITHUB_LIMITS.commitMessage],
  ] as const)('%s: %i characters fit, one more does not', (part, limit) => {
    expect(oversizedParts(change({ [part]: 'é'.repeat(limit) }), GITHUB_LIMITS)).toEqual([]);
    expect(oversizedParts(change({ [part]: '🙂'.repeat(limit) }), GITHUB_LIMITS)).toEqual([]);
    expect(oversizedParts(change({ [part]: 'é'.repeat(limit + 1) }), GITHUB_LIMITS)).toMatchObject([{ part, size: limit + 1, limit, unit: 'characters' }]);
  });

  it("a request's file: 1 MiB fits, one byte more does not; GitHub's own limit is 100 MB", () => {
    const at = { path: 'content/tenants/a.yaml', content: 'a'.repeat(REQUEST_LIMITS.fileBytes - 2) + 'é' };
    expect(oversizedParts(change({ files: [at] }), REQUEST_LIMITS)).toEqual([]);
    const over = { ...at, content: `${at.content}a` };
    expect(oversizedParts(change({ files: [over] }), REQUEST_LIMITS)).toMatchObject([{ part: at.path, size: REQUEST_LIMITS.fileBytes + 1, unit: 'bytes' }]);
    expect(oversizedParts(change({ files: [over] }), GITHUB_LIMITS)).toEqual([]);
  });
});

describe('a 422 that names the field', () => {
  const request = { name: 'Team', contact: 'team@example.com', justification: '@'.repeat(2000), notes: ['short', '#'.repeat(12_000)] };

  it('names the field whose text fills most of the part once escaped, and how much', () => {
    const body = ['| Contact |', code(request.contact), quoteBlock(request.justification), escapeInline(request.notes[1]!)].join('\n');
    const problems = fitProblems(change({ body: `${body}\n${'-'.repeat(GITHUB_LIMITS.body)}` }), request);
    expect(problems).toEqual([{ path: 'notes[1]', message: expect.stringMatching(/^Too long: the pull request's description would be [\d,]+ characters once made safe for GitHub, above the 65,536 GitHub takes, and this field takes 72,000 of them; shorten it\.$/) }]);
  });

  it('names the title, the commit message and a file each on their own', () => {
    const name = '@'.repeat(200);
    const problems = fitProblems(change({ title: `Onboard ${escapeInline(name)}`, commitMessage: `Onboard ${name}\n${'x'.repeat(5000)}`, files: [{ path: 'content/x.yaml', content: `name: ${name}\n${'y'.repeat(REQUEST_LIMITS.fileBytes)}` }] }), { name });
    expect(problems.map((p) => [p.path, p.message.match(/the (.+?) would be/)?.[1]])).toEqual([
      ['name', "pull request's title"],
      ['name', 'commit message'],
      ['name', 'file content/x.yaml'],
    ]);
  });

  it('without a field in the part, says so for the whole request', () => {
    expect(fitProblems(change({ body: 'z'.repeat(70_000) }), { name: 'Team' })).toEqual([{ path: '', message: expect.stringContaining('The request is too long') }]);
  });

  it('throws a refusal (422 at the edge) only when something is over', () => {
    expect(() => assertFits(change({}) as never, request)).not.toThrow();
    expect(() => assertFits(change({ body: 'z'.repeat(70_000) }) as never, request)).toThrow(RequestRefused);
  });
});
