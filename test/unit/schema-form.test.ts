/**
 * The form made from a request type's schema (lib/form-model.ts at build time, lib/form-fields.ts and
 * lib/form-check.ts in the browser): which control each kind of field gets, what it refuses, and
 * what must always hold: the browser says of a request exactly what the server will say of it, in
 * the same words on the same field, and never refuses what the server takes.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formModel, FormModelError, type ChoiceSources } from '../../packages/platform-portal/src/lib/form-model.ts';
import { fieldPaths, initialValues, requestOf, valuesFromQuery, type FormField, type FormValues } from '../../packages/platform-portal/src/lib/form-fields.ts';
import { checkFields } from '../../packages/platform-portal/src/lib/form-check.ts';
import { problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { previewOutcome } from '../../packages/platform-portal/src/islands/server-preview.ts';

const CHOICES: ChoiceSources = {
  tenants: [
    { value: 'checkout', label: 'Checkout (checkout)' },
    { value: 'search', label: 'Search (search)' },
  ],
  services: [{ value: 'kafka', label: 'Kafka' }],
  campaigns: [{ value: 'pg14', label: 'Upgrade PostgreSQL 14' }],
  approvers: [{ value: 'ravi', label: '@ravi' }],
};

/** A request of every kind of field a form offers. */
const Schema = z
  .object({
    tenant: z.string().meta({ title: 'Tenant', choices: 'tenants' }).describe('The tenant that owns the bucket.'),
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{2,62}$/, 'Name the bucket with 3 to 63 lowercase letters, digits and hyphens, starting with a letter.')
      .meta({ title: 'Bucket name' })
      .describe('The bucket name, e.g. invoices-archive.'),
    size_gb: z.int().min(1).max(5000).default(100).meta({ title: 'Size', unit: 'GB' }).describe('How much the bucket may hold.'),
    ratio: z.number().gt(0).lt(1).multipleOf(0.05).optional().meta({ title: 'Sample ratio' }),
    region: z.enum(['eu-west', 'eu-central', 'us-east']).default('eu-west').describe('Where the data is stored.'),
    storage_class: z.enum(['standard', 'infrequent', 'archive', 'deep-archive', 'glacier', 'tape']).meta({ title: 'Storage class' }),
    versioning: z.boolean().default(false).describe('Keep every version of every object.'),
    contact: z.email().meta({ title: 'Contact email' }).describe('Who to ask about the bucket.'),
    delete_after: z.iso.date().optional().meta({ title: 'Delete after' }),
    environments: z.array(z.enum(['dev', 'staging', 'prod'])).min(1).meta({ title: 'Environments' }),
    readers: z.array(z.string().min(2).meta({ title: 'Reader' })).max(3).default([]).meta({ title: 'Readers' }).describe('Teams that may read the bucket.'),
    lifecycle: z
      .object({ expire_days: z.int().positive().meta({ title: 'Expire after', unit: 'days' }), prefix: z.string().max(20).optional() })
      .optional()
      .meta({ title: 'Lifecycle rule' }),
    note: z.string().max(500).nullable().optional().meta({ title: 'Note' }),
    justification: z.string().min(20).max(1000).meta({ title: 'Why' }),
  })
  .strict();

const fields = formModel({ type: 'bucket', schema: Schema }, CHOICES);

const find = (path: string, list: FormField[] = fields): FormField | undefined => {
  for (const field of list) {
    if (field.path === path) return field;
    if (field.kind === 'group') {
      const inner = find(path, field.fields);
      if (inner) return inner;
    }
  }
  return undefined;
};

const filled: FormValues = {
  ...initialValues(fields),
  tenant: 'checkout',
  name: 'invoices-archive',
  storage_class: 'archive',
  contact: 'billing@example.com',
  environments: ['prod'],
  justification: 'Invoices must be kept ten years for the auditors.',
};

describe('the form of a schema', () => {
  it('gives each kind of field its control, label and help', () => {
    const summary = (list: FormField[]): unknown[] =>
      list.map((f) => {
        const control = f.kind === 'choice' ? `${f.kind}:${f.widget}` : f.kind === 'text' ? `text:${f.input}` : f.kind === 'number' ? `number${f.unit ? `:${f.unit}` : ''}` : f.kind;
        return f.kind === 'group' ? [f.path, control, summary(f.fields)] : `${f.path} ${control} "${f.label}"${f.required ? ' required' : ''}${f.initial === undefined ? '' : ` = ${JSON.stringify(f.initial)}`}`;
      });
    expect(summary(fields)).toMatchInlineSnapshot(`
      [
        "tenant choice:select "Tenant" required",
        "name text:text "Bucket name" required",
        "size_gb number:GB "Size" = "100"",
        "ratio number "Sample ratio"",
        "region choice:radio "Region" = "eu-west"",
        "storage_class choice:select "Storage class" required",
        "versioning boolean "Versioning" = false",
        "contact text:email "Contact email" required",
        "delete_after text:date "Delete after"",
        "environments multi "Environments" required",
        "readers list "Readers" = []",
        [
          "lifecycle",
          "group",
          [
            "lifecycle.expire_days number:days "Expire after" required",
            "lifecycle.prefix text:text "Prefix"",
          ],
        ],
        "note text:textarea "Note"",
        "justification text:textarea "Why" required",
      ]
    `);
    expect(find('name')?.help).toBe('The bucket name, e.g. invoices-archive.');
    expect(find('tenant')).toMatchObject({ options: CHOICES.tenants });
    expect(find('readers')).toMatchObject({ kind: 'list', maxItems: 3, item: { label: 'Reader', minLength: 2 } });
    expect(find('note')).toMatchObject({ kind: 'text', nullable: true });
  });

  it('says each problem in the words the server uses for that field, the author’s own where the schema has them', () => {
    const request = requestOf(fields, { ...filled, name: 'Invoices!', size_gb: '9000', contact: 'billing', environments: [], readers: ['x'], justification: 'Too short.' });
    expect(checkFields(fields, request)).toMatchInlineSnapshot(`
      [
        {
          "message": "Name the bucket with 3 to 63 lowercase letters, digits and hyphens, starting with a letter.",
          "path": "name",
        },
        {
          "message": "Make the size 5000 or less.",
          "path": "size_gb",
        },
        {
          "message": "Use an email address for the contact email, e.g. team@example.com.",
          "path": "contact",
        },
        {
          "message": "Choose at least one of the environments.",
          "path": "environments",
        },
        {
          "message": "Make the reader at least 2 characters long.",
          "path": "readers[0]",
        },
        {
          "message": "Say why in at least 20 characters.",
          "path": "justification",
        },
      ]
    `);
  });

  // The invariant: what the browser says is what the server says, field by field, and a request
  // the browser lets through is one the server takes (refinements aside, which JSON Schema cannot say).
  const cases: [string, Partial<FormValues>][] = [
    ['nothing filled in', Object.fromEntries(Object.keys(initialValues(fields)).map((k) => [k, typeof filled[k] === 'boolean' ? false : Array.isArray(filled[k]) ? [] : '']))],
    ['everything right', {}],
    ['a bad name', { name: '9lives' }],
    ['a short name', { name: 'ab' }],
    ['a number in words', { size_gb: 'lots' }],
    ['a fraction of a whole number', { size_gb: '2.5' }],
    ['a size of zero', { size_gb: '0' }],
    ['a ratio of one', { ratio: '1' }],
    ['a ratio off the step', { ratio: '0.33' }],
    ['a ratio that fits', { ratio: '0.35' }],
    ['too many readers', { readers: ['ab', 'cd', 'ef', 'gh'] }],
    ['an empty reader', { readers: ['ab', ''] }],
    ['a lifecycle without its days', { 'lifecycle.prefix': 'logs/' }],
    ['a lifecycle of minus one day', { 'lifecycle.expire_days': '-1' }],
    ['a lifecycle that fits', { 'lifecycle.expire_days': '30' }],
    ['a long prefix', { 'lifecycle.expire_days': '30', 'lifecycle.prefix': 'x'.repeat(21) }],
    ['a bad date', { delete_after: '2027-02-30' }],
    ['a storage class that is not offered', { storage_class: 'floppy' }],
    ['no note', { note: '' }],
  ];
  it.each(cases)('says what the server says of %s', (_, change) => {
    const request = requestOf(fields, { ...filled, ...change } as FormValues);
    const client = checkFields(fields, request);
    const server = Schema.safeParse(request);
    const serverProblems = server.success ? [] : problemsFromZod(server.error, { schema: Schema }).map(({ path, message }) => ({ path, message }));
    // An empty list item is the one thing the form asks more than the schema: a row added and left.
    const extra = client.filter((p) => /\[\d+\]$/.test(p.path) && server.success);
    for (const problem of client.filter((p) => !extra.includes(p))) expect(serverProblems).toContainEqual(problem);
    if (client.length === 0) expect(server.success).toBe(true);
    if (server.success) expect(client.filter((p) => !extra.includes(p))).toEqual([]);
  });

  it('sends what the person typed as the schema takes it: numbers as numbers, empty fields left out, an empty optional group left out', () => {
    expect(requestOf(fields, filled)).toEqual({
      tenant: 'checkout',
      name: 'invoices-archive',
      size_gb: 100,
      region: 'eu-west',
      storage_class: 'archive',
      versioning: false,
      contact: 'billing@example.com',
      environments: ['prod'],
      readers: [],
      justification: 'Invoices must be kept ten years for the auditors.',
    });
    expect(Schema.safeParse(requestOf(fields, filled)).success).toBe(true);
  });

  it('makes a list of the site’s services or tenants checkboxes of them, and fills a field from a link’s query', () => {
    const model = formModel({ type: 'notice', schema: z.object({ services: z.array(z.string().meta({ choices: 'services' })).min(1), tenant: z.string().meta({ choices: 'tenants' }), note: z.string() }) }, CHOICES);
    expect(model[0]).toMatchObject({ kind: 'multi', options: CHOICES.services, minItems: 1 });
    expect(valuesFromQuery(model, new URLSearchParams('tenant=search&note=hi&services=kafka&other=x'))).toEqual({ tenant: 'search', note: 'hi' });
    expect(valuesFromQuery(model, new URLSearchParams('tenant=nobody'))).toEqual({});
  });

  it('keeps a key such as __proto__ a key of the request', () => {
    const odd = formModel({ type: 'odd', schema: z.object({ ['__proto__']: z.string(), constructor: z.string().optional() }) }, CHOICES);
    const request = requestOf(odd, { ['__proto__']: 'a', constructor: '' });
    expect(Object.hasOwn(request, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(request)).toBe(Object.prototype);
    expect(checkFields(odd, request)).toEqual([]);
  });

  it('lists the fields in page order, each list item after its list', () => {
    expect(fieldPaths(fields, { ...filled, readers: ['ab', 'cd'] })).toEqual([
      'tenant', 'name', 'size_gb', 'ratio', 'region', 'storage_class', 'versioning', 'contact', 'delete_after', 'environments',
      'readers', 'readers[0]', 'readers[1]', 'lifecycle', 'lifecycle.expire_days', 'lifecycle.prefix', 'note', 'justification',
    ]);
  });

  it('stops the build, naming the type and the field, for a schema it has no control for', () => {
    const model = (schema: z.ZodType) => () => formModel({ type: 'odd', schema }, CHOICES);
    expect(model(z.object({ labels: z.record(z.string(), z.string()) }))).toThrowErrorMatchingInlineSnapshot(
      `[FormModelError: The request type "odd" has no form control for its field labels: its keys are not fixed (a record). Forms are made for objects of strings, numbers, booleans, enums, lists of those and nested objects; change the field, or give the type a page of its own.]`,
    );
    expect(model(z.object({ target: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]) }))).toThrow(/its field target: it is one of several shapes \(a union\)/);
    expect(model(z.object({ rows: z.array(z.object({ a: z.string() })) }))).toThrow(/its field rows: its items are not strings or numbers/);
    expect(model(z.object({ owner: z.string().meta({ choices: 'people' }) }))).toThrow(/its field owner: choices: "people" fills a string field from "tenants", "services", "campaigns", "approvers"/);
    expect(model(z.string())).toThrow(FormModelError);
  });
});

describe("the server's preview, as the form reads it", () => {
  const preview = { title: 'Bucket invoices-archive', body: 'Adds a bucket.', branch: 'requests/bucket/x', labels: ['portal-request'], commitMessage: 'Add', files: [] };

  it('is the pull request on 200, and the repository’s refusal on the fields on 404, 409 and 422', () => {
    expect(previewOutcome(200, preview)).toEqual({ kind: 'made', result: { ok: true, preview } });
    const refused = previewOutcome(409, { title: 'Conflict', detail: 'The bucket exists.', errors: [{ path: 'name', message: 'Choose another name.' }] });
    expect(refused.kind === 'made' && !refused.result.ok && { kind: refused.result.refused.kind, message: refused.result.refused.message, problems: refused.result.refused.problems }).toEqual({
      kind: 'conflict',
      message: 'The bucket exists.',
      problems: [{ path: 'name', message: 'Choose another name.' }],
    });
  });

  it('is a failure in the server’s words otherwise, which the button tries again', () => {
    expect(previewOutcome(429, { title: 'Too many requests', detail: 'Try again in 20 seconds.' })).toEqual({ kind: 'failed', title: 'Too many requests', detail: 'Try again in 20 seconds.' });
    expect(previewOutcome(200, { nonsense: true })).toMatchObject({ kind: 'failed', title: 'The answer was not understood' });
    expect(previewOutcome(502, undefined)).toMatchObject({ kind: 'failed', title: 'The portal answered 502' });
  });
});
