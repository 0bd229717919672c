/**
 * What a person reads when a request or a file does not fit its schema (lib/field-messages.ts):
 * one sentence for the field that says what to do, built from the field's title or description,
 * and the schema's own message where it wrote one; never zod's wording ("Invalid option: expected
 * one of …"). The form, the API's 422 and the content check all say these words.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { REQUEST_TYPES } from '../../packages/platform-portal/src/requests/index.ts';
import { problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { fieldWords } from '../../packages/platform-portal/src/lib/field-words.ts';
import { ZOD_WORDING } from '../helpers/zod-wording.ts';

/** `path: message` of each problem of `value`; [] when it fits. */
function said(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : problemsFromZod(result.error, { schema }).map((p) => `${p.path}: ${p.message}`);
}

interface JsonNode {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonNode>;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
}

const fieldsOf = (schema: z.ZodType) => Object.entries((z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonNode).properties ?? {});

/** Every field of a request given a value of another type than it takes. */
function wrongTyped(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(fieldsOf(schema).map(([key, node]) => [key, node.enum ? 42 : node.type === 'string' ? 42 : node.type === 'number' || node.type === 'integer' ? 'many' : node.type === 'boolean' ? 'yes' : 'x']));
}

/** Every field of a request given a value of its type past one of its bounds. */
function outOfBounds(schema: z.ZodType): Record<string, unknown> {
  return Object.fromEntries(
    fieldsOf(schema).map(([key, node]) => {
      if (node.enum) return [key, 'none-of-these'];
      if (node.type === 'string') return [key, node.maxLength === undefined ? '' : 'x'.repeat(node.maxLength + 1)];
      if (node.type === 'number' || node.type === 'integer') return [key, node.maximum === undefined ? -1 : node.maximum + 1];
      if (node.type === 'array') return [key, []];
      return [key, {}];
    }),
  );
}

const IMPERATIVE = /\b(give|say|choose|use|make|shorten|remove|write|check|set|start|end|put|leave|ask|list|keep|type)\b/i;

describe('every built-in request type, on an empty, a wrong-typed and an out-of-bounds body', () => {
  const cases = Object.values(REQUEST_TYPES).flatMap((type) =>
    (
      [
        ['empty', {}],
        ['wrong-typed', wrongTyped(type.schema)],
        ['out-of-bounds', outOfBounds(type.schema)],
      ] as const
    ).map(([body, value]) => ({ name: `${type.type}, ${body}`, schema: type.schema as z.ZodType, value })),
  );

  it.each(cases)('$name: sentences that say what to do, none in zod\'s words', ({ schema, value }) => {
    const messages = said(schema, value);
    expect(messages.length).toBeGreaterThan(0);
    for (const line of messages) {
      const message = line.slice(line.indexOf(': ') + 2);
      expect(message, line).not.toMatch(ZOD_WORDING);
      expect(message, line).toMatch(/^["A-Z].*\.$/s);
      expect(message, line).toMatch(IMPERATIVE);
    }
  });

  it('says one thing per field of the wrong type, not also the checks it then fails', () => {
    const paths = said(REQUEST_TYPES.onboarding.schema, { slug: ['x'] }).map((line) => line.slice(0, line.indexOf(':')));
    expect(paths.filter((p) => p === 'slug')).toHaveLength(1);
  });
});

describe('the words, for review', () => {
  it('an empty feedback form', () => {
    expect(said(REQUEST_TYPES.feedback.schema, {})).toMatchInlineSnapshot(`
      [
        "rating: Give the rating: 1 (very poor) to 5 (very good).",
        "category: Choose the category: docs, service, portal, process or other.",
      ]
    `);
  });

  it('an empty onboarding form', () => {
    expect(said(REQUEST_TYPES.onboarding.schema, { owners: [], environments: [] })).toMatchInlineSnapshot(`
      [
        "name: Give the team or product name as people say it.",
        "slug: Give the identifier of the tenant.",
        "owners: Give at least one of the GitHub users who may approve changes for the tenant.",
        "contact: Give the mailbox or list that reaches the team.",
        "cost_centre: Give the cost centre usage is charged to.",
        "environments: Choose at least one of the environments the tenant runs in.",
        "services: Give the quotas per service and unit.",
        "justification: Say what the team will run on the platform and why now.",
      ]
    `);
  });

  it('an empty capacity form', () => {
    expect(said(REQUEST_TYPES.capacity.schema, {})).toMatchInlineSnapshot(`
      [
        "tenant: Give the slug of the tenant whose quota changes.",
        "service: Give the identifier of a service in the catalog.",
        "unit: Give the identifier of a quota unit of a service, e.g. storage_gb.",
        "value: Give the quota you need.",
        "justification: Say why the quota must change.",
        "needed_by: Use a date like 2026-12-31.",
      ]
    `);
  });

  it("each of zod's issues on a schema of every kind", () => {
    const Schema = z
      .object({
        team: z.string().min(3).max(10).meta({ title: "Team's name" }),
        why: z.string().min(20).describe('Why the team needs it; the reviewer reads this first.'),
        size: z.number().int().positive().max(64).multipleOf(2).describe('Number of partitions, e.g. 12.'),
        tier: z.enum(['gold', 'silver', 'bronze']).describe('Gold is 24/7, silver business hours.'),
        kind: z.literal('topic'),
        compacted: z.boolean(),
        email: z.email().describe('Mailbox that reaches the team.'),
        site: z.url().optional().describe('Home page of the team.'),
        from: z.iso.date().describe('Day the change starts.'),
        key: z.string().regex(/^[a-z_]+$/).describe('Identifier of the unit, e.g. storage_gb.'),
        tags: z.array(z.string()).min(1).max(2).describe('Tags people search by.'),
        zones: z.array(z.enum(['a', 'b', 'c'])).min(1).describe('Zones the topic lives in.'),
        limits: z.record(z.string(), z.number().nonnegative()).describe('Limits per unit.'),
        either: z.union([z.string(), z.number()]).describe('A name or a number.'),
        nested: z.object({ owner: z.string().describe('Team that owns it.') }),
      })
      .strict();
    expect(
      said(Schema, {
        team: 'ab',
        why: 'short',
        size: 3.5,
        tier: 'platinum',
        kind: 'table',
        compacted: 'yes',
        email: 'not-mail',
        site: 'nowhere',
        from: '2026-13-01',
        key: 'Storage GB',
        tags: ['a', 'b', 'c'],
        zones: [],
        limits: { storage_gb: -1 },
        either: true,
        nested: {},
        extra: 1,
      }),
    ).toMatchInlineSnapshot(`
      [
        "team: Make the team's name at least 3 characters long.",
        "why: Say why the team needs it in at least 20 characters.",
        "size: Use a whole number for the number of partitions.",
        "tier: Choose the tier: gold, silver or bronze.",
        "kind: Set the kind to topic.",
        "compacted: Set the compacted to true or false.",
        "email: Use an email address for the mailbox that reaches the team, e.g. team@example.com.",
        "site: Use a web address like https://example.com/ for the home page of the team.",
        "from: Use a date like 2026-12-31 for the day the change starts.",
        "key: Write the identifier of the unit like storage_gb.",
        "tags: Give at most 2 of the tags people search by.",
        "zones: Choose at least one of the zones the topic lives in.",
        "limits.storage_gb: Make the value of storage_gb 0 or more.",
        "either: Use text or a number for a name or a number.",
        "nested.owner: Give the team that owns it.",
        ": Remove "extra" or rename it: there is no such field here.",
      ]
    `);
  });
});

describe('how a message names a field', () => {
  const Schema = z.object({
    titled: z.string().meta({ title: 'Team name', description: 'Ignored: the title names it.' }),
    described: z.string().describe('Mailbox or list that reaches the team.'),
    wrapped: z.string().describe('Inner description.').optional(),
    outer: z.string().optional().describe('Outer description.'),
    clause: z.string().describe('What the team will run, and why now.'),
    figure: z.number().describe('1 (very poor) to 5 (very good).'),
    remark: z.number().describe('Of those, the merged ones.'),
    brand: z.string().describe('GitHub users who may approve changes.'),
    choice: z.enum(['a', 'b']).describe('A is fast; b is cheap.'),
    bare_key: z.string(),
    map: z.record(z.string(), z.number()),
    list: z.array(z.string().describe('GitHub user name, with or without the leading @.')),
  });
  const words = (...path: PropertyKey[]) => fieldWords(Schema, path);

  it('takes the title, else the first clause of the description, else the key', () => {
    expect(words('titled')).toMatchObject({ phrase: 'the team name', clause: false });
    expect(words('described')).toMatchObject({ phrase: 'the mailbox or list that reaches the team', clause: false });
    expect(words('bare_key')).toMatchObject({ phrase: 'the bare key', clause: false });
    expect(fieldWords(undefined, ['cost_centre'])).toMatchObject({ phrase: 'the cost centre' });
  });

  it('finds the description inside a wrapper and on it', () => {
    expect(words('wrapped').phrase).toBe('the inner description');
    expect(words('outer').phrase).toBe('the outer description');
  });

  it('says a question as a clause, keeps capitals that are not a capital letter of a sentence', () => {
    expect(words('clause')).toMatchObject({ phrase: 'what the team will run, and why now', clause: true });
    expect(words('brand').phrase).toBe('the GitHub users who may approve changes');
  });

  it('names a field by its key when the description names no thing, and keeps the description as a hint', () => {
    expect(words('figure')).toMatchObject({ phrase: 'the figure', hint: '1 (very poor) to 5 (very good)' });
    expect(words('remark').phrase).toBe('the remark');
  });

  it("names a choice by its key, since a choice's description explains its values", () => {
    expect(words('choice')).toMatchObject({ phrase: 'the choice', choices: { values: ['a', 'b'], many: false } });
  });

  it("names an entry of a record by its key, and an item of a list by the item's description", () => {
    expect(words('map', 'storage_gb').phrase).toBe('the value of storage_gb');
    expect(words('list', 0).phrase).toBe('the GitHub user name');
  });
});
