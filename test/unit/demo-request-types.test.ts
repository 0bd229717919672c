/**
 * The demo site's own request types (src/requests/kafka-topic.ts, offboarding.ts, access.ts), built against
 * tenant files written here: the demo's content is data, and no test reads a value from it.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { kafkaTopic } from '../../src/requests/kafka-topic.ts';
import { offboarding } from '../../src/requests/offboarding.ts';
import { access } from '../../src/requests/access.ts';
import { ServiceSchema, type Service } from '../../packages/platform-portal/src/schemas/service.ts';
import { problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
// As the site's types see it: the class their refusals are made of.
import { RequestRefused, type BuildContext, type Change, type FileChange, type RepoFile, type RequestType } from 'platform-portal/requests';
import { kafkaService } from '../helpers/services.ts';
import { buildContext } from '../helpers/build-context.ts';

const kafka = ServiceSchema.parse({ ...kafkaService(100), access: { max_days: 14, roles: { consume: 'Read the tenant’s topics.' } } });

const context: BuildContext = buildContext({ requester: { email: 'sam@example.com', name: 'Sam Osei' }, now: new Date('2026-12-01T12:00:00Z'), catalog: new Map<string, Service>([['kafka', kafka]]) });

const TOPICS = `# Tenant file for Orders.

name: Orders
slug: orders
owners:
  - "@amira-haddad"   # lead
  - '@jonas-vogel'
contact: orders@example.com
cost_centre: CC-1042
status: active
onboarded: 2025-02-17

services:
  kafka:
    partitions: 96   # raised in March
kafka_topics:
  # the first topic, keyed by order id
  - name: orders.orders.v1
    partitions: 48
    retention_days: 7
    cleanup_policy: delete
# end of file
`;

const NO_TOPICS = `name: Orders\r\nslug: orders\r\nowners: ["@amira-haddad"]\r\ncontact: orders@example.com\r\ncost_centre: CC-1042\r\nonboarded: 2025-02-17\r\nservices: {kafka: {partitions: 24}, postgresql: {storage_gb: 50}}`;

const USAGE = '{"tenant":"orders","fetched_at":"2026-11-30T00:00:00Z","series":[]}\n';

const files = (entries: Record<string, string>): Map<string, RepoFile> => new Map(Object.entries(entries).map(([path, content]) => [path, { content, sha: `sha-of-${path}` }]));
const tenantFiles = (content: string, usage?: string) => files({ 'content/tenants/orders.yaml': content, ...(usage === undefined ? {} : { 'content/usage/orders.json': usage }) });

const topicRequest = (overrides: Record<string, unknown> = {}) =>
  kafkaTopic.schema.parse({ tenant: 'orders', name: 'orders.payments.v1', partitions: 12, justification: 'Settlement events for the ledger and for finance reports.', ...overrides });
const offboardingRequest = (overrides: Record<string, unknown> = {}) =>
  offboarding.schema.parse({ tenant: 'orders', reason: 'The orders service moved to the new commerce platform in November.', last_day: '2026-12-31', confirm: 'orders', ...overrides });

/** What the edge would answer for a request its schema refuses: the problems of its 422, by field. */
function schemaProblems<S extends z.ZodType>(type: RequestType<S>, input: unknown) {
  const parsed = type.schema.safeParse(input);
  return parsed.success ? [] : problemsFromZod(parsed.error, { schema: type.schema });
}

function refusal(build: () => unknown): RequestRefused {
  try {
    build();
  } catch (error) {
    if (error instanceof RequestRefused) return error;
    throw error;
  }
  throw new Error('the request was not refused');
}

const written = (change: Change) => change.files.map((f) => f as Extract<FileChange, { content: string }>);

describe('the kafka-topic request type', () => {
  it('adds exactly one item to kafka_topics and keeps every other byte', () => {
    const change = kafkaTopic.build(topicRequest(), tenantFiles(TOPICS), context);
    const [file] = written(change);
    const item = '  - name: orders.payments.v1\n    partitions: 12\n    retention_days: 7\n    cleanup_policy: delete\n';
    expect(change.files).toHaveLength(1);
    expect(file).toEqual({ path: 'content/tenants/orders.yaml', content: TOPICS.replace('# end of file', `${item}# end of file`), previousSha: 'sha-of-content/tenants/orders.yaml' });
  });

  it('starts the list in a file without one, in the file’s own line endings', () => {
    const [file] = written(kafkaTopic.build(topicRequest({ cleanup_policy: 'compact', retention_days: 3 }), tenantFiles(NO_TOPICS), context));
    expect(file!.content.startsWith(NO_TOPICS)).toBe(true);
    expect(file!.content.slice(NO_TOPICS.length)).toBe('\r\nkafka_topics:\r\n  - name: orders.payments.v1\r\n    partitions: 12\r\n    retention_days: 3\r\n    cleanup_policy: compact');
  });

  it('builds the same change twice, asks the owners, and names the branch after tenant and topic', () => {
    const once = kafkaTopic.build(topicRequest(), tenantFiles(TOPICS), context);
    expect(kafkaTopic.build(topicRequest(), tenantFiles(TOPICS), context)).toEqual(once);
    expect(once.branch).toBe('requests/kafka-topic/orders/orders.payments.v1');
    expect(once.reviewers).toEqual({ users: ['amira-haddad', 'jonas-vogel'], teams: [] });
    expect(once.body).toContain('| Partitions | 12 (at most 100 per topic) |');
    expect(once.body).toContain("| Tenant's partitions | 48 in 1 topic(s) + 12 = 60 of the quota 96 |");
  });

  it('refuses a topic the tenant already has: a conflict naming the name', () => {
    const refused = refusal(() => kafkaTopic.build(topicRequest({ name: 'orders.orders.v1' }), tenantFiles(TOPICS), context));
    expect(refused.kind).toBe('conflict');
    expect(refused.problems).toEqual([{ path: 'name', message: 'content/tenants/orders.yaml already lists the topic orders.orders.v1; pick another name' }]);
  });

  it("refuses partitions beyond the tenant's quota, naming partitions and what is left", () => {
    const refused = refusal(() => kafkaTopic.build(topicRequest({ partitions: 49 }), tenantFiles(TOPICS), context));
    expect(refused.kind).toBe('unprocessable');
    expect(refused.problems).toEqual([
      { path: 'partitions', message: "48 partitions in 1 topic(s) and 49 more make 97, above the tenant's quota of 96; ask for at most 48, or raise the quota through the capacity form" },
    ]);
    expect(() => kafkaTopic.build(topicRequest({ partitions: 48 }), tenantFiles(TOPICS), context)).not.toThrow();
  });

  it("refuses more partitions than the catalog's maximum for one topic, and a tenant without a Kafka quota", () => {
    const big = refusal(() => kafkaTopic.build(topicRequest({ partitions: 101 }), tenantFiles(TOPICS.replace('partitions: 96', 'partitions: 500')), context));
    expect(big.problems).toEqual([{ path: 'partitions', message: '101 is above the maximum 100 partitions for one Kafka topic; ask the data-streaming team for an exception' }]);
    const none = refusal(() => kafkaTopic.build(topicRequest(), tenantFiles(NO_TOPICS.replace('kafka: {partitions: 24}, ', '')), context));
    expect(none.problems.map((p) => p.path)).toEqual(['tenant']);
  });

  it('refuses a tenant that does not exist (404) and a tenant file that is not valid', () => {
    expect(refusal(() => kafkaTopic.build(topicRequest(), new Map([['content/tenants/orders.yaml', undefined]]), context)).kind).toBe('not-found');
    const invalid = refusal(() => kafkaTopic.build(topicRequest(), tenantFiles(TOPICS.replace('partitions: 48', 'partitions: many')), context));
    expect(invalid.kind).toBe('unprocessable');
    expect(invalid.problems[0]!.path).toBe('tenant');
  });

  it('refuses a name outside the naming rules, naming name', () => {
    for (const name of ['payments.settled.v1', 'orders.Payments.v1', 'orders.payments', 'orders.payments.v1.v2', 'orders..v1', 'orders.payments.settled', 'orders.payments.v0', `orders.${'x'.repeat(120)}.v1`]) {
      expect(schemaProblems(kafkaTopic, { ...kafkaTopic.example, tenant: 'orders', name }).map((p) => p.path), name).toEqual(['name']);
    }
  });
});

describe('the offboarding request type', () => {
  it('refuses a confirmation that is not the slug, exactly, naming confirm', () => {
    for (const confirm of ['', 'Orders', 'orders ', 'order', 'yes']) {
      expect(schemaProblems(offboarding, { ...offboarding.example, tenant: 'orders', confirm })).toEqual([{ path: 'confirm', message: "Type the tenant's slug, orders, to confirm." }]);
    }
  });

  it("deletes the tenant's file and its usage file, and the body lists what goes", () => {
    const change = offboarding.build(offboardingRequest(), tenantFiles(TOPICS, USAGE), context);
    expect(change.files).toEqual([
      { path: 'content/tenants/orders.yaml', content: null, previousSha: 'sha-of-content/tenants/orders.yaml' },
      { path: 'content/usage/orders.json', content: null, previousSha: 'sha-of-content/usage/orders.json' },
    ]);
    expect(change.branch).toBe('requests/offboarding/orders');
    expect(change.title).toBe('Offboard Orders (orders)');
    expect(change.reviewers).toEqual({ users: ['amira-haddad', 'jonas-vogel'], teams: [] });
    expect(change.body).toContain('| Files removed | `content/tenants/orders.yaml`, `content/usage/orders.json` |');
    expect(change.body).toContain('| Quota: Kafka | `partitions`: 96 |');
    expect(change.body).toContain('| Kafka topics | `orders.orders.v1` (48 partitions) |');
    expect(change.body).toContain('### Reason');
  });

  it("deletes the tenant's access grants too", () => {
    const change = offboarding.build(offboardingRequest(), files({ 'content/tenants/orders.yaml': TOPICS, 'content/access/orders.yaml': GRANTS }), context);
    expect(change.files.map((f) => [f.path, f.content])).toEqual([['content/tenants/orders.yaml', null], ['content/access/orders.yaml', null]]);
  });

  it('deletes only the tenant file when there is no usage file', () => {
    const change = offboarding.build(offboardingRequest(), tenantFiles(NO_TOPICS), context);
    expect(change.files.map((f) => [f.path, f.content])).toEqual([['content/tenants/orders.yaml', null]]);
    expect(change.body).toContain('| Files removed | `content/tenants/orders.yaml` |');
    expect(change.body).toContain('| Quota: postgresql | `storage_gb`: 50 |');
    expect(change.body).toContain('| Kafka topics | none |');
  });

  it('refuses a last day before the tenant was onboarded (naming last_day) and a tenant that does not exist (404)', () => {
    expect(refusal(() => offboarding.build(offboardingRequest({ last_day: '2025-02-16' }), tenantFiles(TOPICS), context)).problems.map((p) => p.path)).toEqual(['last_day']);
    expect(() => offboarding.build(offboardingRequest({ last_day: '2025-02-17' }), tenantFiles(TOPICS), context)).not.toThrow();
    expect(refusal(() => offboarding.build(offboardingRequest(), new Map(), context)).kind).toBe('not-found');
  });
});

const GRANTS = `# Access to orders' resources.
tenant: orders
grants:
  - person: lena@example.com   # migration on call
    service: kafka
    role: consume
    reason: Replaying order events into the ledger.
    granted: 2026-11-25
    expires: 2026-12-05
`;

const accessRequest = (overrides: Record<string, unknown> = {}) =>
  access.schema.parse({ tenant: 'orders', service: 'kafka', role: 'consume', grantee_kind: 'group', grantee: 'data-science', days: 14, reason: 'Training the churn model on order events this sprint.', ...overrides });

describe('the access request type', () => {
  it("adds the grant to the tenant's access file, keeping its comments, and asks the owners to review", () => {
    const change = access.build(accessRequest(), files({ 'content/tenants/orders.yaml': TOPICS, 'content/access/orders.yaml': GRANTS }), context);
    const [file] = written(change);
    expect(file!.path).toBe('content/access/orders.yaml');
    expect(file!.content).toBe(`${GRANTS}  - group: data-science
    service: kafka
    role: consume
    reason: Training the churn model on order events this sprint.
    granted: 2026-12-01
    expires: 2026-12-14
    requested_by: sam@example.com
`);
    expect(change.reviewers).toEqual({ users: ['amira-haddad', 'jonas-vogel'], teams: [] });
    expect(change.body).toContain('| Last day | 2026-12-14: 14 day(s), of at most 14 |');
  });

  it('starts the access file when the tenant has none', () => {
    const [file] = written(access.build(accessRequest({ grantee_kind: 'person', grantee: 'lena@example.com', days: 1 }), tenantFiles(TOPICS), context));
    expect(file!.content).toMatch(/^# Time-limited access to orders's resources;[^\n]*\n\ntenant: orders\ngrants:\n  - person: lena@example.com\n/);
    expect(file!.content).toContain('expires: 2026-12-01');
  });

  it('refuses longer than the service allows, a role it lacks, a service the tenant does not use, and the same access twice', () => {
    const path = (overrides: Record<string, unknown>, tenant = TOPICS) => refusal(() => access.build(accessRequest(overrides), files({ 'content/tenants/orders.yaml': tenant, 'content/access/orders.yaml': GRANTS }), context)).problems.map((p) => p.path);
    expect(path({ days: 15 })).toEqual(['days']);
    expect(path({ role: 'produce' })).toEqual(['role']);
    expect(path({ service: 'postgresql' })).toEqual(['service']);
    expect(path({ grantee_kind: 'person', grantee: 'lena@example.com' })).toEqual(['grantee']);
  });

  it('checks the grantee as an email or a group name, by its kind', () => {
    expect(schemaProblems(access, { ...access.example, grantee_kind: 'person', grantee: 'data-science' }).map((p) => p.path)).toEqual(['grantee']);
    expect(schemaProblems(access, { ...access.example, grantee_kind: 'group', grantee: 'dana@example.com' }).map((p) => p.path)).toEqual(['grantee']);
  });
});

/** Hostile input: refused naming its field, or carried inert into the pull request. */
describe('hostile input to the demo types', () => {
  const HOSTILE_NAMES = ['../../etc/passwd', 'orders/../x', 'orders\nx', '@octocat', 'orders: x', 'a #b', '&anchor', '*alias', '!tag', 'orders\u0085x', 'x'.repeat(5000)];

  it('refuses each hostile tenant, topic name and confirmation, naming the field', () => {
    const fields = <S extends z.ZodType>(type: RequestType<S>, input: unknown) => [...new Set(schemaProblems(type, input).map((p) => p.path))];
    for (const value of HOSTILE_NAMES) {
      const label = JSON.stringify(value).slice(0, 40);
      expect(fields(kafkaTopic, { ...kafkaTopic.example, tenant: value }), label).toEqual(['tenant']);
      expect(fields(kafkaTopic, { ...kafkaTopic.example, name: value }), label).toEqual(['name']);
      expect(fields(offboarding, { ...offboarding.example, tenant: value }), label).toEqual(['tenant']);
      expect(fields(offboarding, { ...offboarding.example, confirm: value }), label).toEqual(['confirm']);
      expect(fields(access, { ...access.example, tenant: value }), label).toEqual(['tenant']);
      expect(fields(access, { ...access.example, grantee: value }), label).toEqual(['grantee']);
      expect(fields(access, { ...access.example, grantee_kind: 'group', grantee: value }), label).toEqual(['grantee']);
      expect(fields(access, { ...access.example, role: value }), label).toEqual(['role']);
      expect(fields(access, { ...access.example, service: value }), label).toEqual(['service']);
    }
  });

  it('refuses hidden and line-breaking characters in free text, naming the field', () => {
    for (const hidden of ['\u0085', '\u2028', '\u202e', '\u0000', '\u000b']) {
      expect(schemaProblems(kafkaTopic, { ...kafkaTopic.example, justification: `Settlement events${hidden} for the ledger.` }).map((p) => p.path)).toEqual(['justification']);
      expect(schemaProblems(offboarding, { ...offboarding.example, reason: `The service moved elsewhere${hidden} last month.` }).map((p) => p.path)).toEqual(['reason']);
    }
    expect(schemaProblems(offboarding, { ...offboarding.example, reason: 'x'.repeat(2001) }).map((p) => p.path)).toEqual(['reason']);
  });

  it('carries free text into the body inert: no mention, reference, link, heading or table break', () => {
    const text = '@octocat fixes #12 see https://evil.example/x\n# heading | cell | ![img](x) <script>: &a *b !c';
    const bodies = [
      kafkaTopic.build(topicRequest({ justification: text }), tenantFiles(TOPICS), context).body,
      offboarding.build(offboardingRequest({ reason: text }), tenantFiles(TOPICS, USAGE), context).body,
      access.build(accessRequest({ reason: text }), tenantFiles(TOPICS), context).body,
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/@octocat|(?<!&)#\d|https:\/\/|<script>|!\[/);
      expect(body).toContain('> &#64;\u2060octocat');
      expect(body).not.toMatch(/^# /m);
    }
  });

  it("keeps a hostile tenant name from the file out of the title's and body's reach", () => {
    const file = TOPICS.replace('name: Orders', 'name: "@octocat #1 **x**\\u0085[y](https://e.x)"');
    const change = offboarding.build(offboardingRequest(), tenantFiles(file), context);
    expect(change.title).not.toMatch(/@octocat|#1|\u0085|https:\/\//);
    expect(change.body).not.toMatch(/@octocat|#1\b|\*\*x\*\*|https:\/\//);
  });
});
