/**
 * The hostile-input corpus (test/functions/hostile-inputs.json) and what each case must give, for
 * whichever stack runs it: the built-in types' cases run on the basics (test/functions/hostile.test.ts),
 * a case with `site` on that fixture's stack (the demo's day-2 types: test/e2e/day-two.test.ts),
 * since a stack serves only the request types its site registers.
 */
import { marked } from 'marked';
import { parse as parseHtml } from 'node-html-parser';
import { expect } from 'vitest';
import { parse } from 'yaml';
import corpus from '../functions/hostile-inputs.json' with { type: 'json' };
import { liveInMarkdown, liveInText, withoutConnectLinks } from './github-references.ts';
import type { Octokit } from './octokit.ts';
import { ZOD_WORDING } from './zod-wording.ts';

export interface HostileCase {
  name: string;
  /** The fixture site whose stack serves the case's type (test/fixtures/<site>/); the basics when absent. */
  site?: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** A feedback body whose `field` is `count` characters long. */
  repeat?: { field: string; count: number };
  /**
   * A 4xx problem of `type`, naming `field` among its errors; or 201: a pull request that mentions
   * and references nothing, whose files keep each of `kept` as typed.
   */
  expect: { status: number; type?: string; field?: string; kept?: string[] };
}

/** The cases of one site's stack, the basics' when `site` is undefined. */
export const hostileCases = (site?: string): HostileCase[] => (corpus.cases as HostileCase[]).filter((c) => c.site === site);

export const corpusSize = (): number => corpus.cases.length;

/** The fixture sites the cases name: each needs a test that runs its cases on its stack. */
export const corpusSites = (): string[] => [...new Set((corpus.cases as HostileCase[]).flatMap((c) => (c.site === undefined ? [] : [c.site])))];

function bodyOf(c: HostileCase): string | undefined {
  if (c.repeat) return JSON.stringify({ page: '/guides/getting-started/', rating: 3, category: 'docs', [c.repeat.field]: 'x'.repeat(c.repeat.count) });
  if (c.raw !== undefined) return c.raw;
  return c.body === undefined ? undefined : JSON.stringify(c.body);
}

export function sendCase(siteUrl: string, c: HostileCase): Promise<Response> {
  const method = c.method ?? 'POST';
  return fetch(`${siteUrl}${c.path}`, {
    method,
    headers: { 'content-type': 'application/json', ...c.headers },
    ...(method === 'GET' ? {} : { body: bodyOf(c) }),
  });
}

/** A refused case: its problem, naming its field, each error a sentence for its field and never zod's own wording. */
export async function expectRefused(response: Response, c: HostileCase): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(c.expect.status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const problem = JSON.parse(text);
  expect(problem).toMatchObject({ type: `/api/problems/${c.expect.type}`, status: c.expect.status, title: expect.any(String), detail: expect.any(String) });
  if (c.expect.status === 422) expect(problem.errors.length, text).toBeGreaterThan(0);
  if (c.expect.field) expect(problem.errors.map((e: { path: string }) => e.path), text).toContain(c.expect.field);
  for (const error of problem.errors ?? []) expect(error.message, text).not.toMatch(ZOD_WORDING);
}

/** Every text of a pull request that GitHub renders: title, body, the messages of its commits; and its files at its head, removed ones left out. */
async function pullRequestTexts(octokit: Octokit, [owner, repo]: [string, string], number: number) {
  const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
  const { data: compared } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${pr.base.ref}...${pr.head.ref}` });
  const files = await Promise.all(
    (compared.files ?? [])
      .filter((file) => file.status !== 'removed')
      .map(async ({ filename }) => {
        const { data } = await octokit.rest.repos.getContent({ owner, repo, path: filename, ref: pr.head.ref });
        return { path: filename, text: 'content' in data ? Buffer.from(data.content, 'base64').toString('utf-8') : '' };
      }),
  );
  return { title: pr.title, body: pr.body ?? '', commits: compared.commits.map((c) => c.commit.message), files };
}

/** Every scalar of a parsed YAML or JSON document, however deep (a grant in a list, a topic in a tenant file). */
function scalarsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(scalarsOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(scalarsOf);
  return [value];
}

/**
 * Markup a body makes of the person's free text: a heading whose words are those of a text they
 * typed, or an image, script or raw HTML element, none of which the body's own template writes.
 */
function markupFrom(markdown: string, sent: unknown[]): string[] {
  const html = parseHtml(marked.parse(markdown, { async: false, gfm: true }));
  const typed = sent.filter((value): value is string => typeof value === 'string' && value.length >= 20);
  const headings = html.querySelectorAll('h1, h2, h3, h4, h5, h6').filter((h) => h.text.trim() !== '' && typed.some((text) => text.includes(h.text.trim())));
  return [...headings, ...html.querySelectorAll('img, script, iframe, style, object, embed, svg')].map((element) => element.outerHTML.slice(0, 120));
}

/**
 * An accepted case: its pull request's title, body and commit messages mention, reference and link
 * nothing, its body makes no heading, image or HTML of what was typed, and its files, read back as YAML, hold each `kept` text exactly as typed (GitHub links
 * nothing in a file or a diff).
 */
export async function expectInert(response: Response, c: HostileCase, octokit: Octokit, repository: [string, string]): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(c.expect.status);
  const pr = await pullRequestTexts(octokit, repository, JSON.parse(text).pullRequest.number);
  expect(liveInText(pr.title)).toEqual([]);
  expect(withoutConnectLinks(liveInMarkdown(pr.body))).toEqual([]);
  expect(markupFrom(pr.body, scalarsOf(c.body))).toEqual([]);
  for (const message of pr.commits) expect(liveInText(message)).toEqual([]);
  const values = pr.files.filter((file) => /\.(ya?ml|json)$/.test(file.path)).flatMap((file) => scalarsOf(parse(file.text)));
  for (const kept of c.expect.kept ?? []) expect(values).toContain(kept);
}
