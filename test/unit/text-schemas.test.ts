/**
 * Text that hides what it says, keys every object already has, links that run script and lists
 * without end: refused by the schemas, so a request gets a 422 and content fails the check, each
 * naming the field.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { REQUEST_TYPES } from '../../packages/platform-portal/src/requests/index.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { RoadmapItemSchema } from '../../packages/platform-portal/src/schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from '../../packages/platform-portal/src/schemas/release-note.ts';
import { PortalConfigSchema } from '../../packages/platform-portal/src/schemas/site-config.ts';
import { problemsFromZod, formatProblem } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';

const { onboarding, capacity, feedback } = REQUEST_TYPES;

/** The problems of a value, as the API and the check word them; [] when it is valid. */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : problemsFromZod(result.error).map(formatProblem);
}

const paths = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : problemsFromZod(result.error).map((p) => p.path);
};

const tenant = {
  name: 'Acme',
  slug: 'acme',
  owners: ['@a'],
  contact: 'a@example.com',
  cost_centre: 'CC-1000',
  onboarded: '2026-01-01',
  services: { kafka: { partitions: 24 } },
};

const service = kafkaService(600);

const roadmapItem = { title: 'Tiered storage', summary: 'Older segments on object storage.', status: 'now', area: 'kafka' };
const releaseNote = { title: 'Tiered storage', date: '2026-01-01', type: 'feature', areas: ['kafka'], summary: 'Older segments on object storage.' };
const config = { title: 'Portal', description: 'The portal.', site: 'https://portal.example.com', team: 'Platform', github: { repository: 'acme/portal' } };

/** Line breaks other than \n, controls, direction changes and invisible characters. */
const HIDDEN = {
  NEL: '\u0085',
  'LINE SEPARATOR': '\u2028',
  'PARAGRAPH SEPARATOR': '\u2029',
  BEL: '\u0007',
  'RIGHT-TO-LEFT OVERRIDE': '\u202E',
  'LEFT-TO-RIGHT EMBEDDING': '\u202A',
  'RIGHT-TO-LEFT ISOLATE': '\u2067',
  'POP DIRECTIONAL ISOLATE': '\u2069',
  'RIGHT-TO-LEFT MARK': '\u200F',
  'ARABIC LETTER MARK': '\u061C',
  'ZERO WIDTH SPACE': '\u200B',
  'ZERO WIDTH JOINER': '\u200D',
  'WORD JOINER': '\u2060',
  'BYTE ORDER MARK': '\uFEFF',
  'SOFT HYPHEN': '\u00AD',
  'TAG LATIN SMALL LETTER A': '\u{E0061}',
};

describe('names and titles are one line of visible text', () => {
  it.each(Object.entries(HIDDEN))('refuses %s in the name of an onboarding request, on the name field', (_, char) => {
    expect(paths(onboarding.schema, { ...onboarding.example, name: `Acme${char}Corp` })).toEqual(['name']);
  });

  it('says what is wrong and what to do, in a sentence', () => {
    expect(problems(onboarding.schema, { ...onboarding.example, name: 'Acme\u202Eproc' })).toMatchInlineSnapshot(`
      [
        "name: The name has an invisible or direction-changing character (U+202E, character 5); type it again without it.",
      ]
    `);
    expect(problems(onboarding.schema, { ...onboarding.example, name: 'Acme\u0085status: active' })).toMatchInlineSnapshot(`
      [
        "name: The name has a line break (U+0085, character 5); keep it on one line.",
      ]
    `);
    expect(problems(onboarding.schema, { ...onboarding.example, name: 'Acme\nCorp' })).toMatchInlineSnapshot(`
      [
        "name: The name has a line break (U+000A, character 5); keep it on one line.",
      ]
    `);
  });

  it.each([
    ['tenant name', TenantSchema, { ...tenant, name: 'Acme\u200BCorp' }, 'name'],
    ['service name', ServiceSchema, { ...service, name: 'Kaf\u202Eka' }, 'name'],
    ['service summary', ServiceSchema, { ...service, summary: 'Event\u2028streaming.' }, 'summary'],
    ['quota unit label', ServiceSchema, { ...service, quotas: { partitions: { ...service.quotas.partitions, label: 'Parti\u2066tions' } } }, 'quotas.partitions.label'],
    ['roadmap title', RoadmapItemSchema, { ...roadmapItem, title: 'Tiered\u00ADstorage' }, 'title'],
    ['release note title', ReleaseNoteSchema, { ...releaseNote, title: 'Tiered\u0085storage' }, 'title'],
    ['site title', PortalConfigSchema, { ...config, title: 'Portal\u202E' }, 'title'],
  ])('refuses the %s in content and configuration, naming the field', (_, schema, value, path) => {
    expect(paths(schema, value)).toEqual([path]);
  });
});

describe('free text keeps its lines, not controls or direction changes', () => {
  it('takes a justification, a description and a message on several lines', () => {
    const lines = 'First line of the reason.\nSecond line.\r\nThird, with a tab:\tthere.';
    expect(paths(onboarding.schema, { ...onboarding.example, justification: lines, description: lines })).toEqual([]);
    expect(paths(capacity.schema, { ...capacity.example, justification: lines })).toEqual([]);
    expect(paths(feedback.schema, { ...feedback.example, message: lines })).toEqual([]);
    expect(paths(TenantSchema, { ...tenant, description: lines })).toEqual([]);
  });

  it.each([
    ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
    ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
    ['RIGHT-TO-LEFT MARK', '\u200F'],
    ['NEL', '\u0085'],
    ['LINE SEPARATOR', '\u2028'],
    ['NUL', '\u0000'],
    ['ESC', '\u001B'],
    ['TAG LATIN CAPITAL LETTER A', '\u{E0041}'],
  ])('refuses %s in free text, naming the field', (_, char) => {
    expect(paths(onboarding.schema, { ...onboarding.example, justification: `We need it${char} for the launch next month.` })).toEqual(['justification']);
    expect(paths(capacity.schema, { ...capacity.example, justification: `We need it${char} for the launch next month.` })).toEqual(['justification']);
    expect(paths(feedback.schema, { ...feedback.example, message: `Good${char}.` })).toEqual(['message']);
    expect(paths(ReleaseNoteSchema, { ...releaseNote, summary: `Older${char} segments.` })).toEqual(['summary']);
  });

  it('keeps emoji, which join with invisible characters', () => {
    expect(paths(feedback.schema, { ...feedback.example, message: 'Great 👩\u200D💻 ❤\uFE0F' })).toEqual([]);
  });
});

describe('keys every JavaScript object already has', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('refuses the quota unit %s of a capacity request, on the unit field', (unit) => {
    expect(paths(capacity.schema, { ...capacity.example, unit })).toEqual(['unit']);
  });

  it('refuses them as quota units of an onboarding request, a tenant and a service', () => {
    const services = JSON.parse('{ "kafka": { "constructor": 1, "__proto__": 2 } }');
    expect(paths(onboarding.schema, { ...onboarding.example, services })).toEqual(['services.kafka.constructor', 'services.kafka.__proto__']);
    expect(paths(TenantSchema, { ...tenant, services })).toEqual(['services.kafka.constructor', 'services.kafka.__proto__']);
    expect(paths(ServiceSchema, { ...service, quotas: { constructor: service.quotas.partitions } })).toEqual(['quotas.constructor']);
    expect(problems(capacity.schema, { ...capacity.example, unit: 'constructor' })).toMatchInlineSnapshot(`
      [
        "unit: "constructor" is the name of a property every JavaScript object has, so it cannot be an id; pick another.",
      ]
    `);
  });

  it('refuses them as service ids', () => {
    expect(paths(capacity.schema, { ...capacity.example, service: 'constructor' })).toEqual(['service']);
    expect(paths(TenantSchema, { ...tenant, services: { constructor: { partitions: 1 } } })).toEqual(['services.constructor']);
  });
});

describe('links are web links', () => {
  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd'])('refuses %s as the issue of a roadmap item', (url) => {
    expect(paths(RoadmapItemSchema, { ...roadmapItem, issue: url })).toEqual(['issue']);
  });

  it('takes https and http', () => {
    expect(paths(RoadmapItemSchema, { ...roadmapItem, issue: 'https://github.com/acme/platform/issues/12' })).toEqual([]);
    expect(paths(RoadmapItemSchema, { ...roadmapItem, issue: 'http://tracker.internal/PLAT-12' })).toEqual([]);
    expect(problems(RoadmapItemSchema, { ...roadmapItem, issue: 'javascript:alert(1)' })).toMatchInlineSnapshot(`
      [
        "issue: Use a web link that starts with https:// or http://.",
      ]
    `);
  });

  it('refuses script links in the community links of portal.config.ts, naming the field', () => {
    const community = {
      channels: [{ label: 'Chat', url: 'javascript:alert(1)' }],
      mailingList: { label: 'List', url: 'data:text/html,hi' },
      officeHours: { when: 'Tuesdays', where: { label: 'Room', url: 'mailto:room@example.com' } },
    };
    expect(paths(PortalConfigSchema, { ...config, community })).toEqual(['community.channels[0].url', 'community.mailingList.url', 'community.officeHours.where.url']);
  });

  it('takes a mailto: link for the mailing list only', () => {
    const community = { channels: [{ label: 'Chat', url: 'https://chat.example.com/c/platform' }], mailingList: { label: 'List', url: 'mailto:platform-users@example.com' } };
    expect(paths(PortalConfigSchema, { ...config, community })).toEqual([]);
    expect(paths(PortalConfigSchema, { ...config, community: { channels: [{ label: 'Mail', url: 'mailto:a@example.com' }] } })).toEqual(['community.channels[0].url']);
  });
});

describe('lists have an end', () => {
  it('refuses an environment listed twice, on the repeated entry', () => {
    expect(paths(onboarding.schema, { ...onboarding.example, environments: ['dev', 'prod', 'dev'] })).toEqual(['environments[2]']);
    expect(paths(TenantSchema, { ...tenant, environments: ['prod', 'prod'] })).toEqual(['environments[1]']);
    expect(problems(onboarding.schema, { ...onboarding.example, environments: ['dev', 'prod', 'dev'] })).toMatchInlineSnapshot(`
      [
        "environments[2]: dev is listed twice; list each environment once.",
      ]
    `);
  });

  it('refuses more environments than there are', () => {
    expect(paths(onboarding.schema, { ...onboarding.example, environments: ['dev', 'staging', 'prod', 'dev'] })).toContain('environments');
  });

  it('refuses more than 20 services, and more than 20 units of one service', () => {
    const many = (n: number, make: (i: number) => [string, unknown]) => Object.fromEntries(Array.from({ length: n }, (_, i) => make(i)));
    const services = many(21, (i) => [`service-${i}`, { storage_gb: 1 }]);
    expect(paths(onboarding.schema, { ...onboarding.example, services })).toEqual(['services']);
    const units = { kafka: many(21, (i) => [`unit_${i}`, 1]) };
    expect(paths(onboarding.schema, { ...onboarding.example, services: units })).toEqual(['services.kafka']);
    expect(paths(TenantSchema, { ...tenant, services: units })).toEqual(['services.kafka']);
    expect(problems(onboarding.schema, { ...onboarding.example, services })).toMatchInlineSnapshot(`
      [
        "services: 21 services are more than the 20 allowed; remove 1.",
      ]
    `);
    expect(problems(onboarding.schema, { ...onboarding.example, services: units })).toMatchInlineSnapshot(`
      [
        "services.kafka: 21 quota units of one service are more than the 20 allowed; remove 1.",
      ]
    `);
  });

  it('takes 20 of each', () => {
    const many = (n: number, make: (i: number) => [string, unknown]) => Object.fromEntries(Array.from({ length: n }, (_, i) => make(i)));
    expect(paths(TenantSchema, { ...tenant, services: many(20, (i) => [`service-${i}`, many(20, (j) => [`unit_${j}`, 1])]) })).toEqual([]);
  });
});
