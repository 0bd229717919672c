import { describe, expect, it } from 'vitest';
import { FeedbackEntrySchema, type FeedbackEntry } from '../../packages/platform-portal/src/schemas/feedback.ts';
import { pageHealth, type HealthPage } from '../../packages/platform-portal/src/lib/page-health.ts';

const docs: HealthPage[] = [
  { href: '/guides/kafka-quickstart/', title: 'Kafka quickstart', service: 'kafka' },
  { href: '/runbooks/kafka-consumer-lag/', title: 'Kafka consumer lag', service: 'kafka' },
  { href: '/guides/observability/', title: 'Observability' },
  { href: '/guides/getting-started/', title: 'Getting started' },
];

let day = 1;
const entry = (fields: Record<string, unknown>): FeedbackEntry =>
  FeedbackEntrySchema.parse({ category: 'docs', submitted: `2026-11-${String(day++).padStart(2, '0')}T09:00:00Z`, ...fields });

const feedback = [
  entry({ page: '/guides/kafka-quickstart/', rating: 4, message: 'Good.' }),
  entry({ page: '/guides/kafka-quickstart', rating: 2, message: 'Missing Go.' }),
  entry({ page: '/guides/observability/', rating: 3 }),
  entry({ page: '/runbooks/kafka-consumer-lag/', rating: 3, message: 'Step 4 is outdated.' }),
  entry({ page: '/runbooks/kafka-consumer-lag/', rating: 3 }),
  entry({ page: '/runbooks/kafka-consumer-lag', rating: 3 }),
  entry({ page: '/guides/retired-page/', rating: 1, message: 'Dead link.' }),
  entry({ area: 'kafka', rating: 5, category: 'service' }),
  entry({ area: 'security', rating: 2, category: 'process' }),
];

describe('pageHealth', () => {
  const health = pageHealth(feedback, docs);

  it('lists rated docs pages lowest average first, more feedback first on a tie', () => {
    expect(health.pages.map((row) => [row.page.href, row.ratings.count, row.ratings.average])).toEqual([
      ['/runbooks/kafka-consumer-lag/', 3, 3],
      ['/guides/kafka-quickstart/', 2, 3],
      ['/guides/observability/', 1, 3],
    ]);
  });

  it('keeps the comments of each page, newest first, without empty ones', () => {
    const quickstart = health.pages.find((row) => row.page.title === 'Kafka quickstart')!;
    expect(quickstart.comments.map((c) => [c.message, c.rating])).toEqual([
      ['Missing Go.', 2],
      ['Good.', 4],
    ]);
    expect(health.pages[2]!.comments).toEqual([]);
  });

  it('lists feedback on pages that are not docs pages apart, instead of failing', () => {
    expect(health.elsewhere).toEqual([{ path: '/guides/retired-page/', ratings: { count: 1, average: 1 }, comments: [expect.objectContaining({ message: 'Dead link.' })] }]);
    expect(health.unrated.map((p) => p.href)).toEqual(['/guides/getting-started/']);
  });

  it("counts per area the area named, or else the page's service", () => {
    expect(health.areas.map((a) => [a.area, a.ratings.count, a.ratings.average])).toEqual([
      ['kafka', 6, 20 / 6],
      ['security', 1, 2],
    ]);
  });

  it('counts every piece of page feedback exactly once', () => {
    const counted = [...health.pages, ...health.elsewhere].reduce((n, row) => n + row.ratings.count, 0);
    expect(counted).toBe(feedback.filter((e) => e.page).length);
  });

  it('has nothing to show without feedback', () => {
    expect(pageHealth([], docs)).toEqual({ pages: [], elsewhere: [], areas: [], unrated: docs });
  });
});
