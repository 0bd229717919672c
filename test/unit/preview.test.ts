import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { applyPatch } from 'diff';
import { ServiceSchema, type Service } from '../../packages/platform-portal/src/schemas/service.ts';
import { REQUEST_TYPES } from '../../packages/platform-portal/src/requests/index.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import portal from '../fixtures/basics/portal.config.ts';
import type { RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { buildPreview, ID_PLACEHOLDER, previewContext, REQUESTER_PLACEHOLDER, unifiedDiff } from '../../packages/platform-portal/src/lib/preview.ts';
import { BASICS } from '../helpers/fixtures.ts';

const now = new Date('2026-11-20T10:00:00Z');
const config = requestConfig(portal, 'capacity');

async function catalog(): Promise<Map<string, Service>> {
  const dir = path.join(BASICS, 'content/services');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml'));
  return new Map(await Promise.all(files.map(async (f) => [f.replace(/\.yaml$/, ''), ServiceSchema.parse(parse(await readFile(path.join(dir, f), 'utf-8')))] as const)));
}

async function tenantFile(slug: string): Promise<Map<string, RepoFile>> {
  const file = `content/tenants/${slug}.yaml`;
  return new Map([[file, { content: await readFile(path.join(BASICS, file), 'utf-8'), sha: 'base-sha' }]]);
}

const capacityRequest = REQUEST_TYPES.capacity.schema.parse({ ...REQUEST_TYPES.capacity.example, needed_by: '2026-12-15' });

describe('buildPreview', () => {
  it('shows a capacity change as a diff of the one changed line, comments kept', async () => {
    const files = await tenantFile('checkout');
    const result = buildPreview(REQUEST_TYPES.capacity, capacityRequest, files, previewContext({ catalog: await catalog(), config, now }));
    if (!result.ok) throw result.refused;
    const { preview } = result;
    expect(preview.title).toBe('Capacity: checkout Kafka partitions 96 → 144');
    expect(preview.branch).toBe('requests/capacity/checkout/kafka-partitions');
    expect(preview.labels).toEqual(['portal-request', 'capacity']);
    expect(preview.files).toHaveLength(1);
    const [file] = preview.files;
    expect(file!.path).toBe('content/tenants/checkout.yaml');
    expect(file!.status).toBe('modified');
    const changed = file!.diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l));
    expect(changed).toEqual(['-    partitions: 96', '+    partitions: 144']);
    expect(file!.diff.startsWith('--- a/content/tenants/checkout.yaml\n+++ b/content/tenants/checkout.yaml\n@@')).toBe(true);
  });

  it('shows a new tenant file as added, diffed from nothing', async () => {
    const request = REQUEST_TYPES.onboarding.schema.parse(REQUEST_TYPES.onboarding.example);
    const result = buildPreview(REQUEST_TYPES.onboarding, request, new Map(), previewContext({ catalog: await catalog(), config, now }));
    if (!result.ok) throw result.refused;
    const [file] = result.preview.files;
    expect(file!.status).toBe('added');
    expect(file!.path).toBe('content/tenants/recommendations.yaml');
    expect(file!.diff.split('\n').slice(0, 2)).toEqual(['--- /dev/null', '+++ b/content/tenants/recommendations.yaml']);
    expect(file!.content).toContain(`Added by onboarding request ${ID_PLACEHOLDER};`);
    expect(parse(file!.content)).toMatchObject({ slug: 'recommendations', status: 'onboarding', onboarded: '2026-11-20', owners: ['@alex-kim', '@sam-osei'] });
  });

  it('never shows a made-up pull request number or a real-looking id', async () => {
    const feedback = REQUEST_TYPES.feedback;
    const result = buildPreview(feedback, feedback.schema.parse(feedback.example), new Map(), previewContext({ catalog: await catalog(), config, now }));
    if (!result.ok) throw result.refused;
    const { preview } = result;
    expect(preview.files[0]!.path).toBe(`content/feedback/2026-W47/${ID_PLACEHOLDER}.yaml`);
    expect(preview.body).toContain(`<!-- portal-request: {"id":"${ID_PLACEHOLDER}","type":"feedback","requester":"${REQUESTER_PLACEHOLDER}"} -->`);
    expect(preview.body).toContain('| Submissions | 1 |\n| Average rating | 4.0 / 5 |');
    for (const text of [preview.title, preview.body, preview.branch, preview.commitMessage, ...preview.files.map((f) => f.content)]) {
      expect(text).not.toMatch(/(?<!&)#\d+|[a-f0-9]{12,}/);
    }
  });

  it('returns a refusal with its field problems instead of throwing', async () => {
    const files = await tenantFile('checkout');
    const onboarding = REQUEST_TYPES.onboarding;
    const taken = onboarding.schema.parse({ ...onboarding.example, slug: 'checkout' });
    const result = buildPreview(onboarding, taken, files, previewContext({ catalog: await catalog(), config, now }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refused.problems.map((p) => p.path)).toEqual(['slug']);

    const tooMuch = REQUEST_TYPES.capacity.schema.parse({ ...capacityRequest, value: 601 });
    const capped = buildPreview(REQUEST_TYPES.capacity, tooMuch, files, previewContext({ catalog: await catalog(), config, now }));
    expect(capped.ok || capped.refused.problems).toEqual([
      { path: 'value', message: '601 is above the maximum 600 partitions for Kafka Partitions; ask the data-streaming team for an exception' },
    ]);
  });

  it('is deterministic: building twice gives the same preview', async () => {
    const files = await tenantFile('checkout');
    const context = previewContext({ catalog: await catalog(), config, now });
    expect(buildPreview(REQUEST_TYPES.capacity, capacityRequest, files, context)).toEqual(buildPreview(REQUEST_TYPES.capacity, capacityRequest, files, context));
  });
});

describe('unifiedDiff', () => {
  it('applies back: old + diff = new, for edits and for new files', async () => {
    const before = (await tenantFile('checkout')).get('content/tenants/checkout.yaml')!.content;
    const after = before.replace('vcpu: 16', 'vcpu: 24').replace('buckets: 6', 'buckets: 8');
    expect(applyPatch(before, unifiedDiff('x.yaml', before, after))).toBe(after);
    expect(applyPatch('', unifiedDiff('x.yaml', undefined, after))).toBe(after);
  });
});
