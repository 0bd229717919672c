import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import corpus from './hostile-inputs.json' with { type: 'json' };
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';

interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** A feedback body whose `field` is `count` characters long. */
  repeat?: { field: string; count: number };
  expect: { status: number; type: string };
}

let stack: TestStack;
let pullsBefore = 0;
beforeAll(async () => {
  stack = await startTestStack();
  pullsBefore = (await stack.openPulls()).length;
});
afterAll(() => stack?.stop());

function bodyOf(c: Case): string | undefined {
  if (c.repeat) return JSON.stringify({ page: '/guides/getting-started/', rating: 3, category: 'docs', [c.repeat.field]: 'x'.repeat(c.repeat.count) });
  if (c.raw !== undefined) return c.raw;
  return c.body === undefined ? undefined : JSON.stringify(c.body);
}

describe('hostile inputs', () => {
  it('has at least 40 cases', () => expect(corpus.cases.length).toBeGreaterThanOrEqual(40));

  it.each(corpus.cases as Case[])('$name → $expect.status', async (c) => {
    const method = c.method ?? 'POST';
    const response = await fetch(`${stack.siteUrl}${c.path}`, {
      method,
      headers: { 'content-type': 'application/json', ...c.headers },
      ...(method === 'GET' ? {} : { body: bodyOf(c) }),
    });
    const text = await response.text();
    expect(response.status, text).toBe(c.expect.status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = JSON.parse(text);
    expect(problem).toMatchObject({ type: `/api/problems/${c.expect.type}`, status: c.expect.status, title: expect.any(String), detail: expect.any(String) });
    if (c.expect.status === 422) expect(problem.errors.length, text).toBeGreaterThan(0);
  });

  it('opened no pull request for any of them', async () => {
    expect((await stack.openPulls()).length).toBe(pullsBefore);
  });
});

describe('text that could be read as Markdown or HTML', () => {
  it('reaches the pull request as plain text', async () => {
    const response = await stack.post('feedback', {
      page: '/guides/getting-started/',
      rating: 1,
      category: 'docs',
      message: '<script>alert(1)</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png) @everyone\n# Heading\n---\nstatus: merged',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: response.body.pullRequest.number });
    expect(pr.body).not.toMatch(/<script>|\]\(javascript:|!\[x\]\(|@everyone|^# Heading/m);
    expect(pr.body).toContain('&#60;script&#62;');
  });
});
