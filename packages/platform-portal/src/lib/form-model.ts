/**
 * The form of a request type made from its schema, at build time: zod's JSON Schema of the input
 * (what a person sends) turned into the fields of lib/form-fields.ts, each with its label, help,
 * control and the sentences its problems read. What it reads of the schema:
 *
 * - `.meta({ title })` for the label (else the key, humanized), `.describe()` for the help;
 * - enums (and unions of literals) as radios up to five options, else a select (`.meta({ widget })`
 *   decides otherwise; `.meta({ labels: { value: 'Label' } })` names the options);
 * - `.meta({ choices: 'tenants' | 'services' | 'campaigns' | 'approvers' })` on a string: a select of
 *   the site's tenants, catalog services, open campaigns, or the platform team's exemption approvers
 *   (on a list's items: checkboxes of them);
 * - numbers with their bounds, step and `.meta({ unit })`; strings with their lengths, patterns and
 *   format (email, date, url), long ones (`maxLength` over 200, or `.meta({ widget: 'textarea' })`;
 *   `.meta({ widget: 'input' })` keeps a long one on one line)
 *   as a text area; booleans as a checkbox; lists of strings or numbers; lists of an enum as
 *   checkboxes; nested objects as a fieldset.
 *
 * Anything else (records, tuples, unions of objects) has no control: the build stops and says
 * which field of which type, rather than ship a form that cannot send it.
 */
import { z } from 'zod';
import type { ChoiceField, FieldMessages, FieldOption, FieldPattern, FormField, FormValue, NumberField, TextField } from './form-fields.ts';
import { breaking, offStep, prober, withCode, type Prober } from './form-messages.ts';
import { ownValue } from './records.ts';
import { keyWords } from './field-words.ts';

/** Where `.meta({ choices })` fills its options from: the site's data, read by the page. */
export type ChoiceSources = Record<'tenants' | 'services' | 'campaigns' | 'approvers', FieldOption[]>;

export class FormModelError extends Error {
  override name = 'FormModelError';
}

/** A JSON Schema node as zod writes one, and the keys of `.meta()` the form reads. */
interface Node {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Node[];
  allOf?: Node[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  $ref?: string;
  unit?: string;
  choices?: string;
  widget?: string;
  labels?: Record<string, string>;
}

interface Context {
  type: string;
  schema: z.ZodType;
  choices: ChoiceSources;
}

/** `retention_days` → `Retention days`, `cleanupPolicy` → `Cleanup policy`. */
export function humanize(key: string): string {
  const words = keyWords(key);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A safe integer bound is what `.int()` writes, not a limit to show. */
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);

function fail(ctx: Context, path: string, what: string): never {
  throw new FormModelError(
    `The request type "${ctx.type}" has no form control for ${path ? `its field ${path}` : 'its schema'}: ${what}. ` +
      'Forms are made for objects of strings, numbers, booleans, enums, lists of those and nested objects; change the field, or give the type a page of its own.',
  );
}

/** The node without null: `type: ['string', 'null']` and `anyOf: [X, { type: 'null' }]` as X, nullable. */
function withoutNull(node: Node): { node: Node; nullable: boolean } {
  if (Array.isArray(node.type) && node.type.includes('null')) {
    const rest = node.type.filter((t) => t !== 'null');
    return { node: { ...node, type: rest.length === 1 ? rest[0]! : rest }, nullable: true };
  }
  const branches = node.anyOf?.filter((b) => b.type !== 'null');
  if (node.anyOf && branches?.length === 1 && branches.length < node.anyOf.length) {
    const { anyOf: _, ...outer } = node;
    return { node: { ...branches[0]!, ...outer }, nullable: true };
  }
  return { node, nullable: false };
}

/** The values of an enum, a const, or a union of consts; undefined when the node is none of these. */
function enumValues(node: Node): unknown[] | undefined {
  if (node.enum) return node.enum;
  if ('const' in node) return [node.const];
  if (node.anyOf?.length && node.anyOf.every((b) => 'const' in b)) return node.anyOf.map((b) => b.const);
  return undefined;
}

function optionsOf(ctx: Context, path: string, values: unknown[], labels: Node['labels']): FieldOption[] {
  return values.map((value) => {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') fail(ctx, path, `the option ${JSON.stringify(value)} is not a string, number or boolean`);
    return { value, label: ownValue(labels, String(value)) ?? String(value) };
  });
}

/** A field on its way to the form: where it is, and how to ask its schema for the words of each problem. */
interface Site {
  base: Base;
  node: Node;
  /** The server's words for a value of the field; undefined where the schema raises no such issue. */
  probe: Prober['say'];
  /** The same, or a sentence of the form's own where the probe finds nothing. */
  say(value: unknown, pick?: Parameters<Prober['say']>[1]): string;
}

type Base = Pick<FormField, 'key' | 'path' | 'label' | 'help' | 'required' | 'initial'>;

/** A message for each of the field's constraints that is set, from the probe. */
function messages(entries: [keyof FieldMessages, boolean, () => string][]): FieldMessages {
  return Object.fromEntries(entries.filter(([, set]) => set).map(([key, , said]) => [key, said()]));
}

function choiceField({ base, node, say }: Site, options: FieldOption[], fromSite: boolean): ChoiceField {
  const widget: ChoiceField['widget'] = node.widget === 'radio' || node.widget === 'select' ? node.widget : fromSite || options.length > 5 ? 'select' : 'radio';
  const initial = node.default === undefined ? undefined : String(node.default);
  // A value outside an enum is refused in the enum's words; one outside the site's list is the server's to judge.
  const wrong = fromSite ? say(undefined) : say('\u0000not-an-option', withCode('invalid_value'));
  return { ...base, initial, kind: 'choice' as const, options, widget, messages: { missing: say(undefined), choice: wrong } };
}

/** The source of the pattern an invalid_format issue tested (zod writes it as `/source/flags`), when it names one. */
function patternOf(issue: object): string | undefined {
  const pattern = (issue as { pattern?: unknown }).pattern;
  if (pattern instanceof RegExp) return pattern.source;
  return typeof pattern === 'string' ? (/^\/(.*)\/[a-z]*$/s.exec(pattern)?.[1] ?? pattern) : undefined;
}

const FORMAT_INPUT: Record<string, TextField['input']> = { email: 'email', date: 'date', uri: 'url' };

function textField({ base, node, say }: Site, nullable: boolean): TextField {
  const sources = [node.pattern, ...(node.allOf ?? []).map((n) => n.pattern)].filter((p): p is string => typeof p === 'string');
  const patterns: FieldPattern[] = sources.map((source) => {
    const value = breaking(source);
    const message = say(value, (issue) => issue.code === 'invalid_format' && [source, undefined].includes(patternOf(issue)));
    return { source, message };
  });
  const long = node.widget === 'textarea' || (node.widget !== 'input' && (node.maxLength ?? 0) > 200);
  const { minLength: min, maxLength: max } = node;
  return {
    ...base,
    kind: 'text',
    input: long ? 'textarea' : (ownValue(FORMAT_INPUT, node.format ?? '') ?? 'text'),
    minLength: min,
    maxLength: max,
    patterns,
    nullable,
    messages: messages([
      ['missing', true, () => say(undefined)],
      ['minLength', min !== undefined, () => say('a'.repeat(Math.max(0, (min ?? 1) - 1)), withCode('too_small'))],
      ['maxLength', max !== undefined, () => say('a'.repeat((max ?? 0) + 1), withCode('too_big'))],
    ]),
  };
}

function numberField({ base, node, say, probe }: Site, nullable: boolean): NumberField {
  const integer = node.type === 'integer';
  const [minimum, maximum] = [bound(node.minimum), bound(node.maximum)];
  const { exclusiveMinimum, exclusiveMaximum, multipleOf: step } = node;
  const low = minimum !== undefined ? minimum - 1 : exclusiveMinimum;
  const high = maximum !== undefined ? maximum + 1 : exclusiveMaximum;
  return {
    ...base,
    kind: 'number',
    integer,
    minimum,
    maximum,
    exclusiveMinimum,
    exclusiveMaximum,
    step,
    unit: typeof node.unit === 'string' && node.unit ? node.unit : undefined,
    nullable,
    messages: messages([
      ['missing', true, () => say(undefined)],
      ['number', true, () => say('not a number', withCode('invalid_type'))],
      ['integer', integer, () => say((minimum ?? exclusiveMinimum ?? 0) + 0.5, withCode('invalid_type'))],
      ['minimum', low !== undefined, () => say(low, withCode('too_small'))],
      ['maximum', high !== undefined, () => say(high, withCode('too_big'))],
      ['step', step !== undefined, () => offStep(step!).map((v) => probe(v, withCode('not_multiple_of'))).find(Boolean) ?? say(step! / 2)],
    ]),
  };
}

/** A default as its control holds it: numbers as text, lists as text items. */
function initialOf(value: unknown): FormValue | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return value.map(String);
  return undefined;
}

function fieldOf(ctx: Context, key: string, at: PropertyKey[], raw: Node, required: boolean): FormField {
  const path = pathOf(at);
  if (raw.$ref) fail(ctx, path, 'it refers to a shared definition ($ref)');
  const { node, nullable } = withoutNull(raw);
  const label = typeof node.title === 'string' && node.title ? node.title : humanize(key);
  const base: Base = { key, path, label, help: node.description, required, initial: initialOf(node.default) };
  const probe = prober(ctx.schema, at);
  // Every constraint the JSON Schema names is the schema's own, so the probe finds its issue; the
  // fallback is for a schema zod cannot parse without I/O (an async refinement).
  const said: Prober['say'] = (value, pick) => probe?.say(value, pick);
  const site: Site = { base, node, probe: said, say: (value, pick) => said(value, pick) ?? `Check the ${label.toLowerCase()}: it is not what this field takes.` };

  const values = enumValues(node);
  if (values) return choiceField(site, optionsOf(ctx, path, values, node.labels), false);
  if (node.choices !== undefined) {
    if (node.type !== 'string' || !Object.hasOwn(ctx.choices, node.choices)) fail(ctx, path, `choices: ${JSON.stringify(node.choices)} fills a string field from ${Object.keys(ctx.choices).map((source) => `"${source}"`).join(', ')}`);
    return choiceField(site, ctx.choices[node.choices as keyof ChoiceSources], true);
  }
  switch (node.type) {
    case 'string':
      return textField(site, nullable);
    case 'number':
    case 'integer':
      return numberField(site, nullable);
    case 'boolean':
      return { ...base, kind: 'boolean', messages: { missing: site.say(undefined) } };
    case 'array':
      return arrayField(ctx, site, at);
    case 'object':
      if (!node.properties) fail(ctx, path, 'its keys are not fixed (a record)');
      return { ...base, kind: 'group', fields: fieldsOf(ctx, node, at), messages: { missing: site.say(undefined) } };
    default:
      return fail(ctx, path, node.anyOf ? 'it is one of several shapes (a union)' : `its type ${JSON.stringify(node.type ?? 'any')} has no control`);
  }
}

function arrayField(ctx: Context, { base, node, say }: Site, at: PropertyKey[]): FormField {
  const items = node.items ?? fail(ctx, base.path, 'its items have no schema (a tuple?)');
  const { minItems, maxItems } = node;
  const counts = messages([
    ['missing', true, () => say(undefined)],
    ['minItems', Boolean(minItems), () => say([], withCode('too_small'))],
    ['maxItems', maxItems !== undefined, () => say(Array.from({ length: (maxItems ?? 0) + 1 }, () => null), withCode('too_big'))],
  ]);
  const values = enumValues(items);
  if (values) return { ...base, kind: 'multi', options: optionsOf(ctx, base.path, values, items.labels ?? node.labels), minItems, maxItems, messages: counts };
  // A list of the site's tenants or services, chosen as checkboxes.
  if (items.choices !== undefined && items.type === 'string' && Object.hasOwn(ctx.choices, items.choices)) {
    return { ...base, kind: 'multi', options: ctx.choices[items.choices as keyof ChoiceSources], minItems, maxItems, messages: counts };
  }
  const item = fieldOf(ctx, base.key, [...at, 0], { title: base.label, ...items }, true);
  if (item.kind !== 'text' && item.kind !== 'number') fail(ctx, base.path, 'its items are not strings or numbers');
  // Item problems sit on the item (`tags[1]`); its own path is the list's, as the island names items.
  return { ...base, kind: 'list', item: { ...item, path: base.path }, minItems, maxItems, messages: counts };
}

/** `['settings', 'retention_days']` → `settings.retention_days`, as problems name paths. */
const pathOf = (at: PropertyKey[]) => at.filter((k) => typeof k === 'string').join('.');

function fieldsOf(ctx: Context, node: Node, at: PropertyKey[]): FormField[] {
  const required = new Set(node.required ?? []);
  return Object.entries(node.properties ?? {}).map(([key, child]) => fieldOf(ctx, key, [...at, key], child, required.has(key)));
}

/** The request as its JSON Schema describes it: what a person sends, an object unless the type is broken. */
const rootOf = (schema: z.ZodType) => withoutNull(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Node).node;

/** A request's top-level fields, in the schema's order, each by its name and whether it is a nested object (a group of fields). */
export function topLevelFields(schema: z.ZodType): { key: string; group: boolean }[] {
  return Object.entries(rootOf(schema).properties ?? {}).map(([key, node]) => ({ key, group: withoutNull(node).node.type === 'object' }));
}

/** The fields of the form of one request type. Throws FormModelError, naming the field, for a schema it cannot offer. */
export function formModel(type: { type: string; schema: z.ZodType }, choices: ChoiceSources): FormField[] {
  const ctx: Context = { type: type.type, schema: type.schema, choices };
  const root = rootOf(type.schema);
  if (root.type !== 'object' || !root.properties) fail(ctx, '', 'a request is an object of named fields (z.object({ … }))');
  return fieldsOf(ctx, root, []);
}
