import { describe, expect, it } from 'vitest';
import { contentProblems, type ContentSet } from '../../packages/platform-portal/src/lib/content-integrity.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { UsageFileSchema } from '../../packages/platform-portal/src/schemas/usage.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { RoadmapItemSchema } from '../../packages/platform-portal/src/schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from '../../packages/platform-portal/src/schemas/release-note.ts';
import { formatProblem, isWarning } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';

const kafka = ServiceSchema.parse(kafkaService(600));

function valid(): ContentSet {
  return {
    docs: [
      { id: 'guides/kafka', file: 'content/docs/guides/kafka.md', kind: 'guide', service: 'kafka' },
      { id: 'runbooks/kafka-lag', file: 'content/docs/runbooks/kafka-lag.md', kind: 'runbook', service: 'kafka' },
    ],
    services: [{ id: 'kafka', file: 'content/services/kafka.yaml', data: kafka }],
    tenants: [
      {
        id: 'acme',
        file: 'content/tenants/acme.yaml',
        data: TenantSchema.parse({
          name: 'Acme', slug: 'acme', owners: ['@a'], contact: 'a@example.com', cost_centre: 'CC-1000', onboarded: '2026-01-01',
          services: { kafka: { partitions: 24 } },
        }),
      },
    ],
    roadmap: [{ id: 'tiered', file: 'content/roadmap/tiered.md', data: RoadmapItemSchema.parse({ title: 'T', summary: 'S', status: 'shipped', area: 'kafka', shipped_in: 'note' }) }],
    changelog: [
      {
        id: 'note',
        file: 'content/changelog/note.mdx',
        data: ReleaseNoteSchema.parse({ title: 'N', date: '2026-01-01', type: 'feature', areas: ['kafka'], summary: 'S', roadmap: ['tiered'] }),
      },
    ],
    usage: [
      {
        id: 'acme',
        file: 'content/usage/acme.json',
        data: UsageFileSchema.parse({ tenant: 'acme', fetched_at: '2026-11-25T06:00:00Z', series: [{ service: 'kafka', unit: 'partitions', points: [['2026-11-24', 20], ['2026-11-25', 21]] }] }),
      },
    ],
    access: [],
    people: [],
    campaigns: [],
    campaignStates: [],
    incidents: [],
    maintenance: [],
    goals: [],
    approvers: [],
    themes: ['security'],
    today: '2026-12-01',
  };
}

const messages = (c: ContentSet) => contentProblems(c).map(formatProblem);

describe('content integrity', () => {
  it('accepts consistent content', () => {
    expect(messages(valid())).toEqual([]);
  });

  it('places a page with its service from its own frontmatter, and refuses a service the catalog does not have', () => {
    const c = valid();
    c.docs.push({ id: 'guides/orphan', file: 'content/docs/guides/orphan.md', kind: 'guide', service: 'kafka' });
    expect(messages(c)).toEqual([]);
    c.docs.push({ id: 'runbooks/redis-oom', file: 'content/docs/runbooks/redis-oom.md', kind: 'runbook', service: 'redis' });
    expect(messages(c)).toEqual(['content/docs/runbooks/redis-oom.md → service: unknown service "redis"; use a service id of content/services/ (kafka)']);
  });

  it('checks roadmap ↔ changelog in both directions', () => {
    const c = valid();
    c.roadmap[0]!.data = { ...c.roadmap[0]!.data, status: 'now', shipped_in: undefined };
    expect(messages(c)).toEqual([
      'content/roadmap/tiered.md → shipped_in: content/changelog/note says it ships this item; set status: shipped and shipped_in: note',
    ]);
  });

  it('checks tenant quotas against the catalog and the slug against the file name', () => {
    const c = valid();
    c.tenants[0]!.data = { ...c.tenants[0]!.data, slug: 'acme-corp', services: { kafka: { partitions: 601, bytes: 1 }, redis: { mb: 1 } } };
    expect(messages(c)).toEqual([
      'content/tenants/acme.yaml → slug: "acme-corp" differs from the file name; rename the file to acme-corp.yaml or set slug: acme',
      'content/tenants/acme.yaml → services.kafka.partitions: 601 is above the maximum 600 partitions; ask the data-streaming team for an exception',
      'content/tenants/acme.yaml → services.kafka.bytes: Kafka has no quota unit "bytes"; use one of partitions',
      'content/tenants/acme.yaml → services.redis: unknown service "redis"; the catalog has kafka',
    ]);
  });

  it('reads quota units as own keys only: constructor is not a unit of every service', () => {
    const c = valid();
    // As a tenant file could hold it if a schema let it through: the lookups must not find Object.prototype.constructor.
    c.tenants[0]!.data = { ...c.tenants[0]!.data, services: { kafka: { partitions: 24, constructor: 1 } } };
    c.usage[0]!.data = { ...c.usage[0]!.data, series: [{ service: 'kafka', unit: 'constructor', points: [] }] };
    expect(messages(c)).toEqual([
      'content/tenants/acme.yaml → services.kafka.constructor: Kafka has no quota unit "constructor"; use one of partitions',
      'content/usage/acme.json → series[0].unit: Kafka has no quota unit "constructor" (it has partitions), so this series is not shown; the next usage export drops it',
    ]);
  });

  it('refuses areas that are neither a service nor a configured theme', () => {
    const c = valid();
    c.changelog[0]!.data = { ...c.changelog[0]!.data, areas: ['kakfa'] };
    expect(messages(c)).toEqual([
      'content/changelog/note.mdx → areas[0]: unknown area "kakfa"; use a service id or a theme from portal.config.ts (kafka, security)',
    ]);
  });

  it('warns, and stops nothing, for usage left over from an offboarded tenant or a dropped quota', () => {
    const c = valid();
    c.usage.push({ id: 'ghost', file: 'content/usage/ghost.json', data: { ...c.usage[0]!.data, tenant: 'ghost' } });
    c.usage[0]!.data = {
      ...c.usage[0]!.data,
      series: [
        { service: 'kafka', unit: 'bytes', points: [] },
        { service: 'redis', unit: 'mb', points: [] },
      ],
    };
    expect(messages(c)).toEqual([
      'content/usage/acme.json → series[0].unit: Kafka has no quota unit "bytes" (it has partitions), so this series is not shown; the next usage export drops it',
      'content/usage/acme.json → series[1].service: unknown service "redis" (the catalog has kafka), so this series is not shown; the next usage export drops it',
      'content/usage/ghost.json → tenant: no tenant "ghost" in content/tenants/, so this usage is not shown; delete the file (the usage export writes none for it)',
    ]);
    expect(contentProblems(c).every(isWarning)).toBe(true);
  });
});
