import { describe, expect, it } from 'vitest';
import { computeScorecard, quarterRange, reviewAgeRanges, type ScorecardInput } from '../../packages/platform-portal/src/lib/scorecard.ts';
import { formatHours, median, requestsFigures, requestWindowStart, type RequestSearch, type RequestSource } from '../../packages/platform-portal/src/lib/scorecard-requests.ts';
import { ScorecardSchema, type RequestPull } from '../../packages/platform-portal/src/schemas/scorecard.ts';

const NOW = new Date('2026-11-25T14:30:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const SEARCH: RequestSearch = { webUrl: 'https://github.example.com', repository: 'acme/portal', branchPrefix: 'requests', labels: { capacity: ['capacity', 'needs "review"'] } };

const base: ScorecardInput = {
  now: NOW,
  tenants: [],
  runbooks: [],
  reviewAgeDays: 180,
  roadmap: [],
  goals: [],
  changelog: [],
  feedback: [],
  pageServices: new Map(),
  areaLabel: (area) => area.toUpperCase(),
  requests: { history: { status: 'not-configured' }, windowDays: 90, types: ['onboarding', 'capacity', 'feedback'], search: SEARCH },
  campaigns: [],
};

const pull = (n: number, type: string, created: string, merged: string | null = null, state?: RequestPull['state']): RequestPull => ({
  number: n,
  title: `Request ${n}`,
  type,
  state: state ?? (merged ? 'merged' : 'open'),
  created_at: created,
  merged_at: merged,
  url: `https://github.example.com/acme/portal/pull/${n}`,
});

describe('tenants onboarded over time', () => {
  it('counts tenants per quarter of their onboarding date, with empty quarters up to the build, and a running total', () => {
    const { tenants } = computeScorecard({
      ...base,
      tenants: [
        { slug: 'b', name: 'Bravo', onboarded: day('2025-12-31') },
        { slug: 'a', name: 'Alpha', onboarded: day('2025-10-01') },
        { slug: 'c', name: 'Charlie', onboarded: day('2026-04-01') },
      ],
    });
    expect(tenants.total).toEqual({ count: 3, href: '/tenants/' });
    expect(tenants.by_quarter.map((q) => [q.quarter, q.onboarded, q.cumulative])).toEqual([
      ['2025-Q4', 2, 2],
      ['2026-Q1', 0, 2],
      ['2026-Q2', 1, 3],
      ['2026-Q3', 0, 3],
      ['2026-Q4', 0, 3],
    ]);
    expect(tenants.by_quarter[0]!.tenants).toEqual([
      { slug: 'a', name: 'Alpha', onboarded: '2025-10-01', href: '/tenants/a/' },
      { slug: 'b', name: 'Bravo', onboarded: '2025-12-31', href: '/tenants/b/' },
    ]);
  });

  it('has no quarters without tenants', () => {
    expect(computeScorecard(base).tenants.by_quarter).toEqual([]);
  });

  it('spans years in quarter ranges', () => {
    expect(quarterRange('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quarterRange('2026-Q2', '2026-Q2')).toEqual(['2026-Q2']);
  });
});

describe('feedback by area', () => {
  const feedback = computeScorecard({
    ...base,
    pageServices: new Map([['/runbooks/kafka-lag/', 'kafka']]),
    feedback: [
      { area: 'kafka', rating: 5 },
      { page: '/runbooks/kafka-lag', rating: 4 },
      { page: '/runbooks/kafka-lag/', area: 'security', rating: 2 },
      { page: '/guides/getting-started/', rating: 3 },
      { area: 'clickhouse', rating: 1 },
      { area: 'kafka', rating: 4 },
    ],
  }).feedback!;

  it('groups by the named area, else by the service of the page, else under "No area", most feedback first', () => {
    expect(feedback.by_area.map((a) => [a.area, a.label, a.count])).toEqual([
      ['kafka', 'KAFKA', 3],
      ['clickhouse', 'CLICKHOUSE', 1],
      ['security', 'SECURITY', 1],
      [null, 'No area', 1],
    ]);
  });

  it('averages the ratings to two decimals, per area and overall', () => {
    expect(feedback.by_area[0]!.average_rating).toBe(4.33);
    expect(feedback.average_rating).toBe(3.17);
    expect(feedback.count).toBe(6);
    expect(feedback.href).toBe('/insights/feedback/');
  });

  it('has no average without feedback', () => {
    expect(computeScorecard(base).feedback).toMatchObject({ count: 0, average_rating: null, by_area: [] });
  });

  it('has no feedback figures, nor words about feedback requests, for a site that takes no feedback and has none', () => {
    const scorecard = computeScorecard({ ...base, feedback: undefined, requests: { ...base.requests, types: ['onboarding', 'capacity'] } });
    expect(scorecard).not.toHaveProperty('feedback');
    expect(ScorecardSchema.parse(scorecard)).not.toHaveProperty('feedback');
    expect(scorecard.requests.definition).not.toMatch(/feedback/i);
    expect(computeScorecard(base).requests.definition).toContain('Feedback collects into one rolling pull request per period');
  });
});

describe('docs health', () => {
  const runbooks = [
    { id: 'runbooks/fresh', title: 'Fresh', lastReviewed: day('2026-11-01') },
    { id: 'runbooks/edge', title: 'Edge', lastReviewed: day('2026-05-29') },
    { id: 'runbooks/old', title: 'Old', lastReviewed: day('2026-05-28') },
  ];

  it('counts a runbook reviewed up to the configured age as reviewed, and lists the stale ones oldest first', () => {
    const docs = computeScorecard({ ...base, runbooks }).docs_health;
    expect(docs.runbooks).toEqual({ count: 3, href: '/runbooks/' });
    expect(docs.reviewed).toBe(2);
    expect(docs.reviewed_percent).toBe(67);
    expect(docs.stale).toEqual({ count: 1, href: '/insights/scorecard/#stale-runbooks' });
    expect(docs.by_age.map((r) => [r.title, r.age_days, r.stale, r.href])).toEqual([
      ['Old', 181, true, '/runbooks/old/'],
      ['Edge', 180, false, '/runbooks/edge/'],
      ['Fresh', 24, false, '/runbooks/fresh/'],
    ]);
  });

  it('groups runbooks into up to six age ranges up to the review age, then the stale ones', () => {
    const docs = computeScorecard({ ...base, runbooks }).docs_health;
    expect(docs.by_review_age.map((r) => [r.label, r.count, r.stale, r.runbooks.map((x) => x.title)])).toEqual([
      ['0–30 days', 1, false, ['Fresh']],
      ['31–60 days', 0, false, []],
      ['61–90 days', 0, false, []],
      ['91–120 days', 0, false, []],
      ['121–150 days', 0, false, []],
      ['151–180 days', 1, false, ['Edge']],
      ['over 180 days (stale)', 1, true, ['Old']],
    ]);
  });

  it('covers every age exactly once, whatever the review age', () => {
    for (const age of [1, 7, 45, 180, 365]) {
      const ranges = reviewAgeRanges(age);
      expect(ranges.length, String(age)).toBeLessThanOrEqual(7);
      expect(ranges[0]!.min).toBe(0);
      for (const [i, r] of ranges.slice(1).entries()) expect(r.min, `${age}: ${i}`).toBe(ranges[i]!.max! + 1);
      expect(ranges.at(-2)!.max).toBe(age);
      expect(ranges.at(-1)).toEqual({ min: age + 1, max: null });
    }
  });

  it('follows the configured review age, and says so in the definition', () => {
    const docs = computeScorecard({ ...base, runbooks, reviewAgeDays: 30 }).docs_health;
    expect(docs.reviewed).toBe(1);
    expect(docs.definition).toContain('at most 30 days');
  });

  it('has no share without runbooks', () => {
    expect(computeScorecard(base).docs_health.reviewed_percent).toBeNull();
  });
});

describe('roadmap delivery', () => {
  const changelog = [
    { id: 'r1', title: 'Release 1', date: day('2026-03-30') },
    { id: 'r2', title: 'Release 2', date: day('2026-07-02') },
  ];

  it('counts shipped items in the quarter of the release note that shipped them', () => {
    const { roadmap } = computeScorecard({
      ...base,
      changelog,
      roadmap: [
        { id: 'a', title: 'A', status: 'shipped', shippedIn: 'r2' },
        { id: 'b', title: 'B', status: 'shipped', shippedIn: 'r1' },
        { id: 'c', title: 'C', status: 'now' },
        { id: 'd', title: 'D', status: 'dropped' },
      ],
    });
    expect(roadmap.shipped.count).toBe(2);
    expect(roadmap.by_quarter.map((q) => [q.quarter, q.shipped, q.items.map((i) => i.id)])).toEqual([
      ['2026-Q1', 1, ['b']],
      ['2026-Q2', 0, []],
      ['2026-Q3', 1, ['a']],
      ['2026-Q4', 0, []],
    ]);
    expect(roadmap.by_quarter[0]!.items[0]).toEqual({
      id: 'b',
      title: 'B',
      href: '/roadmap/b/',
      release: { id: 'r1', title: 'Release 1', date: '2026-03-30', href: '/changelog/r1/' },
    });
  });

  it('names the file and field of a shipped item whose release note is missing', () => {
    expect(() => computeScorecard({ ...base, roadmap: [{ id: 'ghost', title: 'Ghost', status: 'shipped', shippedIn: 'nope' }] })).toThrow(
      'content/roadmap/ghost.md → shipped_in: no release note "nope" in content/changelog/.',
    );
  });
});

describe('requests through the portal', () => {
  const figures = (history: RequestSource) => requestsFigures({ history, now: NOW, windowDays: 90, types: ['onboarding', 'capacity', 'feedback'], search: SEARCH });
  const q = (href: string) => new URL(href).searchParams.get('q');

  it('starts the window at midnight UTC, the given number of days before the build day', () => {
    expect(requestWindowStart(NOW, 90).toISOString()).toBe('2026-08-27T00:00:00.000Z');
  });

  it('says plainly that no source is configured, and how to configure one', () => {
    const f = figures({ status: 'not-configured' });
    expect(f).toMatchObject({ status: 'not-configured', source: 'none', since: '2026-08-27', window_days: 90 });
    expect(f.status === 'not-configured' && f.how_to_configure).toMatch(/GITHUB_TOKEN.*acme\/portal/);
  });

  it('passes on why GitHub was unavailable', () => {
    expect(figures({ status: 'unavailable', repository: 'acme/portal', error: 'HTTP 502' })).toMatchObject({ status: 'unavailable', source: 'github', error: 'HTTP 502' });
  });

  it('counts the pull requests of the window by type, with the median hours to merge of the merged ones', () => {
    const f = figures({
      status: 'ok',
      repository: 'acme/fork',
      author: 'portal-bot',
      pulls: [
        pull(1, 'onboarding', '2026-08-26T23:59:59Z', '2026-08-27T10:00:00Z'),
        pull(2, 'onboarding', '2026-08-27T00:00:00Z', '2026-08-27T02:00:00Z'),
        pull(3, 'onboarding', '2026-09-01T00:00:00Z', '2026-09-01T10:00:00Z'),
        pull(4, 'onboarding', '2026-10-01T00:00:00Z', '2026-10-03T03:00:00Z'),
        pull(5, 'capacity', '2026-11-01T00:00:00Z', '2026-11-02T06:00:00Z'),
        pull(6, 'capacity', '2026-11-02T00:00:00Z', '2026-11-02T12:00:00Z'),
        pull(7, 'capacity', '2026-11-20T00:00:00Z', null, 'closed'),
        pull(8, 'feedback', '2026-11-24T00:00:00Z'),
        pull(9, 'decommission', '2026-11-24T01:00:00Z'),
      ],
    });
    if (f.status !== 'ok') throw new Error(f.status);
    expect(f.by_type.map((t) => [t.type, t.opened.count, t.merged.count, t.open.count, t.median_hours_to_merge])).toEqual([
      ['onboarding', 3, 3, 0, 10],
      ['capacity', 3, 2, 0, 21],
      ['feedback', 1, 0, 1, null],
      ['decommission', 1, 0, 1, null],
    ]);
    expect(f.total.opened.count).toBe(8);
    expect(f.total.merged.count).toBe(5);
    expect(f.total.median_hours_to_merge).toBe(12);
    expect(f.pull_requests.map((p) => p.number)).toEqual([9, 8, 7, 6, 5, 4, 3, 2]);
  });

  it('leaves out pull requests dated after the build', () => {
    const f = figures({ status: 'ok', repository: 'acme/portal', author: 'portal-bot', pulls: [pull(1, 'feedback', '2026-11-25T14:30:01Z')] });
    expect(f.status === 'ok' && f.total.opened.count).toBe(0);
  });

  it('links each count to a GitHub search of the pull requests it counts: the portal\'s, by label, or by branch for a type without labels', () => {
    const f = figures({ status: 'ok', repository: 'acme/fork', author: 'nimbus-portal[bot]', pulls: [] });
    if (f.status !== 'ok') throw new Error(f.status);
    const [onboarding, capacity] = f.by_type;
    expect(onboarding!.opened.href.startsWith('https://github.example.com/acme/fork/pulls?q=')).toBe(true);
    // GitHub's search names an app's bot app/<slug>.
    expect(q(onboarding!.opened.href)).toBe('is:pr label:portal-request author:app/nimbus-portal head:requests/onboarding created:>=2026-08-27');
    expect(q(capacity!.merged.href)).toBe('is:pr label:portal-request author:app/nimbus-portal label:"capacity" label:"needs review" is:merged created:>=2026-08-27');
    expect(q(capacity!.open.href)).toBe('is:pr label:portal-request author:app/nimbus-portal label:"capacity" label:"needs review" is:open created:>=2026-08-27');
    expect(q(f.total.opened.href)).toBe('is:pr label:portal-request author:app/nimbus-portal created:>=2026-08-27');
  });

  it('finds a type named like a property of every object (constructor) by its branch: it has no labels', () => {
    const f = figures({ status: 'ok', repository: 'acme/portal', author: 'portal-bot', pulls: [pull(1, 'constructor', '2026-11-24T00:00:00Z')] });
    if (f.status !== 'ok') throw new Error(f.status);
    const type = f.by_type.find((t) => t.type === 'constructor');
    expect(q(type!.opened.href)).toBe('is:pr label:portal-request author:portal-bot head:requests/constructor created:>=2026-08-27');
  });

  it('takes the median of the middle two for an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
  });

  it('writes durations in hours under two days, in days after', () => {
    expect(formatHours(5.5)).toBe('5.5 hours');
    expect(formatHours(47.9)).toBe('47.9 hours');
    expect(formatHours(60)).toBe('2.5 days');
  });
});

describe('the scorecard as a whole', () => {
  it('passes its own schema, dated at the build', () => {
    const scorecard = computeScorecard({
      ...base,
      tenants: [{ slug: 'a', name: 'A', onboarded: day('2026-01-01') }],
      runbooks: [{ id: 'runbooks/x', title: 'X', lastReviewed: day('2026-01-01') }],
      feedback: [{ area: 'kafka', rating: 4 }],
      requests: { ...base.requests, history: { status: 'ok', repository: 'acme/portal', author: 'portal-bot', pulls: [pull(1, 'capacity', '2026-11-01T00:00:00Z', '2026-11-01T01:00:00Z')] } },
    });
    expect(ScorecardSchema.parse(scorecard)).toEqual(scorecard);
    expect(scorecard.generated_at).toBe(NOW.toISOString());
  });
});
