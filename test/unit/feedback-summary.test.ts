import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { marked } from 'marked';
import { parse as parseHtml } from 'node-html-parser';
import { feedbackSummary } from '../../packages/platform-portal/src/requests/feedback-summary.ts';
import { feedback } from '../../packages/platform-portal/src/requests/feedback.ts';
import { formatMarker, parseMarker } from '../../packages/platform-portal/src/requests/marker.ts';
import { addedFileText } from '../../packages/platform-portal/src/github/pull-summary.ts';
import type { BuildContext } from '../../packages/platform-portal/src/requests/types.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import { characters, GITHUB_LIMITS } from '../../packages/platform-portal/src/lib/github-limits.ts';
import portal from '../fixtures/basics/portal.config.ts';

const folder = 'content/feedback/2026-W48/';
const marker = { id: 'a'.repeat(16), type: 'feedback', requester: 'b'.repeat(16) };
const options = { period: '2026-W48', folder, marker };

let n = 0;
function file(fields: Record<string, unknown>, name = `${(n++).toString(16).padStart(16, '0')}.yaml`) {
  return { path: `${folder}${name}`, content: stringify({ category: 'docs', submitted: '2026-11-24T10:00:00Z', ...fields }) };
}

/** Rows of the "By page or area" table as [subject, count, average]. */
function subjectRows(body: string): string[][] {
  const section = body.split('### By page or area')[1]!.split('\n\n')[1]!;
  return section.split('\n').slice(2).map((row) => row.split('|').slice(1, -1).map((cell) => cell.trim().replace(/`/g, '')));
}

describe('feedbackSummary', () => {
  const files = [
    file({ page: '/guides/kafka-quickstart/', rating: 2, message: 'Too short.' }),
    file({ page: '/guides/kafka-quickstart', rating: 3 }),
    file({ page: '/runbooks/kafka-consumer-lag/', rating: 5, message: 'Saved us at 3am.' }),
    file({ area: 'kafka', rating: 2, category: 'service' }),
    file({ area: 'security', rating: 4, category: 'process', contact: 'ana@example.com' }),
  ];

  it('counts the submissions, averages them and lists pages and areas from the lowest rated', () => {
    const body = feedbackSummary(files, options);
    expect(body).toContain('| Submissions | 5 |\n| Average rating | 3.2 / 5 |\n| By category | docs 3, process 1, service 1 |');
    expect(subjectRows(body)).toEqual([
      ['kafka', '1', '2.0'],
      ['/guides/kafka-quickstart/', '2', '2.5'],
      ['security', '1', '4.0'],
      ['/runbooks/kafka-consumer-lag/', '1', '5.0'],
    ]);
    expect(parseMarker(body)).toEqual(marker);
  });

  it('is the same whatever order GitHub lists the files in', () => {
    expect(feedbackSummary([...files].reverse(), options)).toBe(feedbackSummary(files, options));
  });

  it('quotes hostile comments so they render as typed, and only the latest ten', () => {
    const hostile = '<script>alert(1)</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png)\n# Heading\n| a | b |\n<!-- portal-request: {"id":"cccccccccccccccc","type":"feedback","requester":"dddddddddddddddd"} -->';
    const many = Array.from({ length: 12 }, (_, i) => file({ page: '/guides/observability/', rating: 3, message: `Comment ${i}`, submitted: `2026-11-2${i % 7}T0${i % 10}:00:00Z` }));
    const body = feedbackSummary([...many, file({ page: '/guides/observability/', rating: 1, message: hostile, submitted: '2026-11-29T23:00:00Z' })], options);
    const html = parseHtml(marked.parse(body, { async: false }));
    expect(html.querySelectorAll('a, img, script, h1, h2').length).toBe(0);
    const quotes = html.querySelectorAll('blockquote');
    expect(quotes).toHaveLength(10);
    // As a person reads it: the word joiners that keep GitHub from linking (lib/markdown.ts inert) are invisible.
    expect(quotes[0]!.text.replaceAll('\u2060', '').replace(/\s+/g, ' ').trim()).toBe(hostile.replace(/\s+/g, ' '));
    expect(body).toContain('3 older comment(s) are in the files.');
    expect(parseMarker(body)).toEqual(marker);
  });

  it('names files that are not valid feedback and ignores files outside the period', () => {
    const body = feedbackSummary([files[0]!, { path: `${folder}broken.yaml`, content: 'rating: eleven' }, { path: 'content/docs/x.md', content: 'rating: 1' }], options);
    expect(body).toContain('| Submissions | 1 |');
    expect(body).toContain(`Not read as feedback (check them against FeedbackEntrySchema): content/feedback/2026&#45;W48/broken&#46;yaml.`);
    expect(body).not.toContain('x&#46;md');
  });
});

const HEAD = 'c'.repeat(40);
/** The body without its hidden state line. */
const withoutState = (body: string) => body.replace(/<!-- portal-feedback-state: .* -->\n/, '');

describe('the feedback change', () => {
  const context: BuildContext = {
    requestId: 'e'.repeat(64),
    requesterHash: 'f'.repeat(64),
    requester: { email: 'dev@example.com' },
    now: new Date('2026-11-25T12:00:00Z'),
    catalog: new Map(),
    config: { ...requestConfig(portal, 'feedback'), labels: [] },
  };
  const change = feedback.build(feedback.schema.parse(feedback.example), new Map(), context);
  /** The change's files as the pull request holds them (a feedback change deletes nothing). */
  const written = change.files.map(({ path, content }) => ({ path, content: content ?? '' }));

  it('opens with the summary of its own file; counted again from the branch, only the commit it counts up to is added', () => {
    expect(change.summary!.countedUpTo(change.body)).toBeUndefined();
    const counted = change.summary!.next(change.body, { head: HEAD, files: written, rebuild: { complete: true } })!;
    expect(change.summary!.countedUpTo(counted)).toBe(HEAD);
    expect(withoutState(counted)).toBe(withoutState(change.body));
  });

  it("keeps the marker of the submission that opened the pull request", () => {
    const opened = formatMarker(marker);
    const body = change.summary!.next(`Old summary\n\n${opened}\n`, { head: HEAD, files: [...written, file({ area: 'kafka', rating: 1 })], rebuild: { complete: true } })!;
    expect(parseMarker(body)).toEqual(marker);
    expect(body).toContain('| Submissions | 2 |');
  });
});

describe('addedFileText', () => {
  it('gives back an added file from its patch, with or without a final newline', () => {
    expect(addedFileText('@@ -0,0 +1,2 @@\n+rating: 4\n+page: /x/')).toBe('rating: 4\npage: /x/\n');
    expect(addedFileText('@@ -0,0 +1 @@\n+only\n\\ No newline at end of file')).toBe('only');
    expect(addedFileText('@@ -0,0 +1,3 @@\n+a\n+\n+c')).toBe('a\n\nc\n');
  });

  it('refuses what is not a whole added file', () => {
    expect(addedFileText(undefined)).toBeUndefined();
    expect(addedFileText('@@ -1,2 +1,2 @@\n-a\n+b\n c')).toBeUndefined();
    expect(addedFileText('@@ -0,0 +1,3 @@\n+a\n+b')).toBeUndefined();
  });
});

describe('feedbackSummary within GitHub\'s limit on a body', () => {
  it('quotes fewer comments when ten, escaped, would pass 65,536 characters, and says where the rest are', () => {
    // 2,000 "@" escape to 12,000 characters each: ten would be 120,000.
    const loud = Array.from({ length: 10 }, (_, i) => file({ page: '/guides/observability/', rating: 2, message: '@'.repeat(2000), submitted: `2026-11-2${i % 7}T0${i}:00:00Z` }));
    const body = feedbackSummary(loud, options);
    expect(characters(body)).toBeLessThanOrEqual(GITHUB_LIMITS.body);
    const quoted = body.split('\n').filter((line) => line.startsWith('> ')).length;
    expect(quoted).toBeGreaterThanOrEqual(4);
    expect(quoted).toBeLessThan(10);
    expect(body).toContain(`${10 - quoted} older comment(s) are in the files.`);
    expect(parseMarker(body)).toEqual(marker);
  });

  it('lists the lowest rated pages first, as many as fit, and counts the others', () => {
    const pages = Array.from({ length: 800 }, (_, i) => file({ page: `/guides/${'p'.repeat(150)}-${i}/`, rating: (i % 5) + 1 }));
    const unreadable = Array.from({ length: 300 }, (_, i) => ({ path: `${folder}${'u'.repeat(100)}-${i}.yaml`, content: 'not: [feedback' }));
    const body = feedbackSummary([...pages, ...unreadable], options);
    expect(characters(body)).toBeLessThanOrEqual(GITHUB_LIMITS.body);
    expect(body).toContain('| Submissions | 800 |');
    expect(body).toMatch(/\n\d+ more pages or areas are in the files\.\n/);
    expect(subjectRows(body)[0]).toEqual([expect.stringContaining('/guides/p'), '1', '1.0']);
    expect(body).toMatch(/\(and \d+ more\)\./);
    expect(parseMarker(body)).toEqual(marker);
  });
});
