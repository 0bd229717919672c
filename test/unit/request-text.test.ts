/**
 * What a person types reaches a pull request's title, body and commit message as text, never as a
 * mention or a reference GitHub would act on; the files keep it as typed.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { ServiceSchema, type Service } from '../../packages/platform-portal/src/schemas/service.ts';
import { REQUEST_TYPES } from '../../packages/platform-portal/src/requests/index.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import type { BuildContext, Change, RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { escapeInline, inert, quoteBlock } from '../../packages/platform-portal/src/lib/markdown.ts';
import { liveInMarkdown, liveInText, readableText, withoutConnectLinks } from '../helpers/github-references.ts';
import portal from '../fixtures/basics/portal.config.ts';
import { BASICS } from '../helpers/fixtures.ts';

/** Every form of mention and reference GitHub recognises, and the URLs it turns into cross-references. */
const REFERENCES = [
  '@someone',
  '@org/security-team',
  '#12',
  'GH-12',
  'gh-12',
  'org/repo#7',
  'someone@a5c3785ed8d6a35868bc169f07e40e889087fd2e',
  'org/repo@a5c3785',
  'fixes #9',
  'https://github.com/org/repo/issues/12',
  'http://github.example.com/org/repo/pull/3',
  'www.github.com/org/repo/issues/4',
];
const TYPED = `Please ${REFERENCES.join(' and ')}, thanks.`;
/** A name fits 80 characters. */
const NAME = 'Team @org/security-team #12 GH-3 o/r#7';

const now = new Date('2026-11-20T10:00:00Z');

async function catalog(): Promise<Map<string, Service>> {
  const dir = path.join(BASICS, 'content/services');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml'));
  return new Map(await Promise.all(files.map(async (f) => [f.replace(/\.yaml$/, ''), ServiceSchema.parse(parse(await readFile(path.join(dir, f), 'utf-8')))] as const)));
}

async function context(type: string): Promise<BuildContext> {
  return {
    requestId: 'feedfacecafebeef0123456789abcdef',
    requesterHash: 'abcdef0123456789feedfacecafebeef',
    // What Access says about the person is theirs to choose too.
    requester: { name: '@org/everyone #1', email: 'someone-@org.example' },
    now,
    catalog: await catalog(),
    config: requestConfig(portal, type),
  };
}

async function tenantFiles(slug: string): Promise<Map<string, RepoFile>> {
  const file = `content/tenants/${slug}.yaml`;
  return new Map([[file, { content: await readFile(path.join(BASICS, file), 'utf-8'), sha: 'base-sha' }]]);
}

async function changes(): Promise<Record<'onboarding' | 'capacity' | 'feedback', Change>> {
  const { onboarding, capacity, feedback } = REQUEST_TYPES;
  return {
    onboarding: onboarding.build(
      onboarding.schema.parse({ ...onboarding.example, name: NAME, description: TYPED.slice(0, 500), owners: ['@someone', 'octocat'], justification: TYPED }),
      new Map(),
      await context('onboarding'),
    ),
    capacity: capacity.build(capacity.schema.parse({ ...capacity.example, needed_by: '2026-12-15', justification: TYPED }), await tenantFiles('checkout'), await context('capacity')),
    feedback: feedback.build(feedback.schema.parse({ ...feedback.example, message: TYPED, contact: 'someone-@org.example' }), new Map(), await context('feedback')),
  };
}

describe('text a person typed, in a pull request', () => {
  it.each(['onboarding', 'capacity', 'feedback'] as const)('%s: mentions nobody and references nothing in title, body or commit message', async (type) => {
    const change = (await changes())[type];
    expect(liveInText(change.title)).toEqual([]);
    expect(liveInText(change.commitMessage)).toEqual([]);
    expect(withoutConnectLinks(liveInMarkdown(change.body))).toEqual([]);
    if (change.summary) {
      const files = change.files.map(({ path, content }) => ({ path, content: content ?? '' }));
      const rebuilt = change.summary.next(change.body, { head: 'c'.repeat(40), files, rebuild: { complete: true } })!;
      expect(liveInMarkdown(rebuilt)).toEqual([]);
      // And with the same comment counted into that body one submission later.
      const added = change.summary.next(rebuilt, { head: 'd'.repeat(40), files: files.map((f) => ({ ...f, path: f.path.replace(/\w+\.yaml$/, 'later.yaml') })) })!;
      expect(liveInMarkdown(added)).toEqual([]);
    }
  });

  it.each(['onboarding', 'capacity', 'feedback'] as const)('%s: shows the reviewer the words as typed', async (type) => {
    const change = (await changes())[type];
    expect(readableText(change.body)).toContain(TYPED);
  });

  it('keeps the typed text in the files: GitHub links nothing in a file or a diff', async () => {
    const { onboarding, feedback } = await changes();
    const tenant = parse(onboarding.files[0]!.content!);
    expect(tenant).toMatchObject({ name: NAME, description: TYPED.slice(0, 500), owners: ['@someone', '@octocat'] });
    expect(parse(feedback.files[0]!.content!)).toMatchObject({ message: TYPED, contact: 'someone-@org.example' });
  });

  it('keeps the name in the title readable', async () => {
    const { onboarding } = await changes();
    expect(onboarding.title.replaceAll('\u2060', '')).toBe(`Onboard ${NAME} (recommendations)`);
  });
});

describe('inert', () => {
  it.each(REFERENCES)('leaves %s for a person to read but not for GitHub to link', (reference) => {
    expect(liveInText(inert(reference))).toEqual([]);
    expect(liveInMarkdown(escapeInline(reference))).toEqual([]);
    expect(liveInMarkdown(quoteBlock(`${reference}\n${reference}`))).toEqual([]);
    expect(inert(reference).replaceAll('\u2060', '')).toBe(reference);
  });

  it('is idempotent', () => {
    expect(inert(inert(TYPED))).toBe(inert(TYPED));
  });

  it('leaves text without references alone', () => {
    expect(inert('Black Friday doubles the order rate: 2x partitions, 10:30 UTC.')).toBe('Black Friday doubles the order rate: 2x partitions, 10:30 UTC.');
  });
});

describe('what the schemas refuse, the builders do not trust either', () => {
  it('writes no tenant file whose name would end the comment at its top for YAML 1.1 readers', async () => {
    const { onboarding } = REQUEST_TYPES;
    const ctx = await context('onboarding');
    for (const name of ['Acme\u0085status: active', 'Acme\u2028status: active', 'Acme\u2029status: active', 'Acme\rstatus: active']) {
      // Past the request schema, as if a caller skipped it: the builder checks the file against the tenant schema.
      const request = { ...onboarding.schema.parse(onboarding.example), name };
      expect(() => onboarding.build(request, new Map(), ctx)).toThrow(/line break/);
    }
  });

  it('finds no quota unit constructor in a service: the lookup is own keys only', async () => {
    const { capacity } = REQUEST_TYPES;
    const request = { ...capacity.schema.parse({ ...capacity.example, needed_by: '2026-12-15' }), unit: 'constructor' };
    let refused: unknown;
    try {
      capacity.build(request, await tenantFiles('checkout'), await context('capacity'));
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ name: 'RequestRefused', problems: [{ path: 'unit', message: expect.stringContaining('has no quota unit "constructor"') }] });
  });
});
