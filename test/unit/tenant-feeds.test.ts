/**
 * The iCalendar files of campaign deadlines, read back with an RFC 5545 parser, and what a
 * tenant's own feeds hold: exactly the things that concern it.
 */
import { describe, expect, it } from 'vitest';
import { calendarFile, eventStart, type CalendarEvent } from '../../packages/platform-portal/src/lib/calendar.ts';
import { campaignDeadlineEvent } from '../../packages/platform-portal/src/lib/feeds.ts';
import { tenantCalendarEvents, tenantFeedItems, tenantRssItems, type FeedContent, type FeedTenant } from '../../packages/platform-portal/src/lib/tenant-feeds.ts';
import { CampaignSchema, CampaignStateSchema } from '../../packages/platform-portal/src/schemas/campaign.ts';
import { ReleaseNoteSchema } from '../../packages/platform-portal/src/schemas/release-note.ts';
import { readCalendar } from '../helpers/calendar.ts';
import { PG14_CAMPAIGN } from '../helpers/campaigns.ts';

const SITE = 'https://portal.example.com';
const STAMP = new Date('2026-12-04T09:30:00Z');

/** Text people type, and what breaks serializers: TEXT's special characters, line breaks, wide characters, long lines. */
const HOSTILE = [
  'Commas, semicolons; and a back\\slash',
  'Ends with a backslash \\',
  '\\n written out, not a line break',
  'Line one\nline two\n\nafter an empty line',
  'Windows line\r\nend',
  'Emoji 👩‍💻🎉 and accents: Müller, façade, 日本語のテキスト',
  `A long line: ${'pqrstuvwxyz '.repeat(30)}`,
  `Wide characters across folds: ${'日本🎉'.repeat(40)}`,
  'A tab\there and "quotes" and <angle> & ampersand',
  'BEGIN:VEVENT\nEND:VCALENDAR', // content lines in the text stay text
  ':colon first;X-PARAM=1',
];

const event = (i: number, text: string, day = '2027-03-31'): CalendarEvent => ({
  uid: `hostile-${i}@portal.example.com`,
  summary: text.replaceAll(/\r?\n/g, ' '),
  description: text,
  url: `${SITE}/campaigns/c-${i}/`,
  day: new Date(`${day}T00:00:00Z`),
});

describe('iCalendar files', () => {
  it('read back with every hostile text as written: escaped, folded within 75 octets, CRLF line ends', () => {
    const events = HOSTILE.map((text, i) => event(i, text));
    const parsed = readCalendar(calendarFile({ name: 'Deadlines; all, of them', description: HOSTILE[3]!, events, stamp: STAMP }));
    expect(parsed.name).toBe('Deadlines; all, of them');
    expect(parsed.description).toBe(HOSTILE[3]);
    expect(parsed.events).toHaveLength(HOSTILE.length);
    parsed.events.forEach((read, i) => {
      const written = events[i]!;
      expect(read.uid).toBe(written.uid);
      expect(read.summary).toBe(written.summary);
      // RFC 5545 TEXT has one line break, \n: a CRLF typed in a form reads back as LF.
      expect(read.description).toBe(written.description.replaceAll('\r\n', '\n'));
      expect(read.url).toBe(written.url);
    });
  });

  it('makes each event one whole day: DTSTART a DATE, DTEND the next day, also across months, years and 29 February', () => {
    const days = [['2027-03-31', '2027-04-01'], ['2026-12-31', '2027-01-01'], ['2028-02-28', '2028-02-29'], ['2028-02-29', '2028-03-01']];
    const parsed = readCalendar(calendarFile({ name: 'Days', description: 'Days', events: days.map(([day], i) => event(i, 'Day', day)), stamp: STAMP }));
    expect(parsed.events.map((e) => [e.start, e.end, e.allDay])).toEqual(days.map(([start, end]) => [start, end, true]));
    for (const e of parsed.events) expect(e.stamp).toBe('2026-12-04T09:30:00Z');
  });

  it('gives an event the same UID in every build, so that a calendar updates it instead of adding it twice', () => {
    const campaign = CampaignSchema.parse({ ...CAMPAIGN, title: 'Upgrade, now; please' });
    const first = readCalendar(calendarFile({ name: 'A', description: 'A', events: [campaignDeadlineEvent('pg14', campaign, SITE)], stamp: STAMP }));
    const moved = CampaignSchema.parse({ ...CAMPAIGN, deadline: '2027-04-30' });
    const later = readCalendar(calendarFile({ name: 'A', description: 'A', events: [campaignDeadlineEvent('pg14', moved, SITE)], stamp: new Date() }));
    expect(first.events[0]!.uid).toBe('campaign-pg14@portal.example.com');
    expect(later.events[0]!.uid).toBe(first.events[0]!.uid);
    expect(later.events[0]!.start).toBe('2027-04-30');
    expect(first.events[0]!.summary).toBe('Deadline: Upgrade, now; please');
    expect(first.events[0]!.description).toContain(`${SITE}/campaigns/pg14/`);
  });

  it('writes a calendar without events as a valid file', () => {
    expect(readCalendar(calendarFile({ name: 'Empty', description: 'Nothing due', events: [], stamp: STAMP })).events).toEqual([]);
  });
});

const CAMPAIGN = PG14_CAMPAIGN;

const note = (id: string, areas: string[], date: string) => ({
  id,
  data: ReleaseNoteSchema.parse({ title: `Note ${id}`, date, type: 'feature', areas, summary: `About ${id}.` }),
});
const state = (campaign: string, tenant: string, input: unknown) => ({ id: `${campaign}/${tenant}`, data: CampaignStateSchema.parse(input) });
const tenant = (id: string, services: Record<string, unknown>, extra: Record<string, unknown> = {}): FeedTenant => ({ id, data: { name: `Team ${id}`, services, environments: ['dev', 'prod'], ...extra } });

const pg14 = tenant('ledger', { postgresql: {} }, { versions: { postgresql: 14 } });
const pg17 = tenant('search', { postgresql: {}, kafka: {} }, { versions: { postgresql: 17 } });
const kafkaOnly = tenant('stream', { kafka: {} });

const CONTENT: FeedContent = {
  changelog: [note('pg-news', ['postgresql'], '2026-10-01'), note('kafka-news', ['kafka'], '2026-11-01'), note('theme-news', ['observability'], '2026-12-01'), note('both', ['kafka', 'postgresql'], '2026-09-01')],
  campaigns: [
    { id: 'pg14', data: CampaignSchema.parse(CAMPAIGN) },
    { id: 'kafka-auth', data: CampaignSchema.parse({ ...CAMPAIGN, title: 'Leave SASL/PLAIN', scope: { service: 'kafka' }, started: '2026-06-01', deadline: '2026-09-30' }) },
    { id: 'closed', data: CampaignSchema.parse({ ...CAMPAIGN, title: 'Closed', scope: { service: 'kafka' }, finished: '2026-12-01' }) },
  ],
  campaignStates: [
    state('kafka-auth', 'search', { state: 'exempt', exemption: { reason: 'Retired soon.', approver: 'ravi', expires: '2099-01-31' } }),
    state('pg14', 'ledger', { state: 'planned', date: '2027-02-10' }),
    state('kafka-auth', 'stream', { state: 'exempt', exemption: { reason: 'Was retired.', approver: 'ravi', expires: '2026-10-31' } }),
  ],
  incidents: [],
  maintenance: [],
  services: [],
};
const context = { site: SITE, today: '2026-12-04' };
const feedOf = (t: FeedTenant) => tenantFeedItems(CONTENT, t, context);

describe("a tenant's feeds", () => {
  it('hold the release notes of the services it uses, newest first, and no other', () => {
    const links = (t: FeedTenant) => tenantRssItems(feedOf(t)).filter((i) => i.categories?.includes('feature')).map((i) => i.link);
    expect(links(pg14)).toEqual([`${SITE}/changelog/pg-news/`, `${SITE}/changelog/both/`]);
    expect(links(pg17)).toEqual([`${SITE}/changelog/kafka-news/`, `${SITE}/changelog/pg-news/`, `${SITE}/changelog/both/`]);
    expect(links(kafkaOnly)).toEqual([`${SITE}/changelog/kafka-news/`, `${SITE}/changelog/both/`]);
  });

  it('hold the open campaigns it has work left in: in scope, to do or planned, or exempt no longer', () => {
    const campaigns = (t: FeedTenant) => tenantRssItems(feedOf(t)).filter((i) => i.categories?.includes('campaign')).map((i) => i.link);
    // ledger: on 14, planned. search: on 17 (out of scope), exempt from kafka-auth. stream: its exemption ran out.
    expect(campaigns(pg14)).toEqual([`${SITE}/campaigns/pg14/`]);
    expect(campaigns(pg17)).toEqual([]);
    expect(campaigns(kafkaOnly)).toEqual([`${SITE}/campaigns/kafka-auth/`]);
    const [item] = tenantRssItems(feedOf(pg14)).filter((i) => i.link === `${SITE}/campaigns/pg14/`);
    expect(item!.title).toBe('Action needed by 31 Mar 2027: Upgrade PostgreSQL 14');
    expect(item!.content).toContain('Team ledger plans to be done on 10 Feb 2027.');
  });

  it("put the deadline, and the tenant's planned day, in its calendar, each under a UID of its own", () => {
    const events = tenantCalendarEvents(feedOf(pg14));
    expect(events.map((e) => [e.uid, eventStart(e).toISOString().slice(0, 10)])).toEqual([
      ['campaign-pg14.ledger.planned@portal.example.com', '2027-02-10'],
      ['campaign-pg14.ledger@portal.example.com', '2027-03-31'],
    ]);
    const parsed = readCalendar(calendarFile({ name: 'Team ledger', description: 'Deadlines', events, stamp: STAMP }));
    expect(parsed.events.map((e) => e.summary)).toEqual(['Planned: Upgrade PostgreSQL 14', 'Deadline: Upgrade PostgreSQL 14']);
    expect(tenantCalendarEvents(feedOf(pg17))).toEqual([]);
  });

  it('take every item from the sources they are given, in order: a new kind of item is one more source', () => {
    const extra = { rss: { title: 'Incident', link: `${SITE}/status/1/`, pubDate: new Date('2027-01-01') } };
    const items = tenantFeedItems(CONTENT, kafkaOnly, context, [() => [extra]]);
    expect(items).toEqual([extra]);
    expect(tenantRssItems([...feedOf(kafkaOnly), extra])[0]).toBe(extra.rss);
  });
});
