/**
 * A request form made from a request type's schema: its fields as the page hands them to the island
 * (lib/form-model.ts makes them at build time, from the JSON Schema), and the request the island
 * assembles from what the person typed. Plain data and small functions: this is what the browser
 * loads, so nothing here imports zod.
 */
import { ownValue } from './records.ts';

/** An option of a choice; the value is what the request carries (an enum may hold numbers or booleans). */
export interface FieldOption {
  value: string | number | boolean;
  label: string;
}

/**
 * The sentences a field's problems read, written for the field at build time (the type's own zod
 * messages where it has them, else made from the label): the island only picks one.
 */
export type FieldMessages = Partial<
  Record<'missing' | 'minLength' | 'maxLength' | 'format' | 'number' | 'integer' | 'minimum' | 'maximum' | 'step' | 'choice' | 'minItems' | 'maxItems', string>
>;

export interface FieldPattern {
  /** An ECMAScript regular expression, as JSON Schema's `pattern` (and zod) read it: unanchored, no flags. */
  source: string;
  message: string;
}

interface FieldBase {
  /** The property's name in its object. */
  key: string;
  /** The value's path in the request, as the API names problems: `topic`, `settings.retention_days`, `tags[0]`. */
  path: string;
  label: string;
  /** The schema's `.describe()` text. */
  help?: string | undefined;
  required: boolean;
  /** What the control starts with: the schema's default, as the control holds it. */
  initial?: FormValue | undefined;
  messages: FieldMessages;
}

export interface TextField extends FieldBase {
  kind: 'text';
  input: 'text' | 'email' | 'date' | 'url' | 'textarea';
  minLength?: number | undefined;
  maxLength?: number | undefined;
  patterns: FieldPattern[];
  /** The schema takes null: an empty field that must be sent sends null. */
  nullable: boolean;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  integer: boolean;
  minimum?: number | undefined;
  maximum?: number | undefined;
  exclusiveMinimum?: number | undefined;
  exclusiveMaximum?: number | undefined;
  step?: number | undefined;
  /** What the number counts (`.meta({ unit })`), shown with the label and in the messages. */
  unit?: string | undefined;
  nullable: boolean;
}

export interface ChoiceField extends FieldBase {
  kind: 'choice';
  options: FieldOption[];
  widget: 'radio' | 'select';
}

export interface BooleanField extends FieldBase {
  kind: 'boolean';
}

/** A list of strings or numbers, one control per item with add and remove. */
export interface ListField extends FieldBase {
  kind: 'list';
  /** The item's field; its path is the list's, and each item's is `path[i]`. */
  item: TextField | NumberField;
  minItems?: number | undefined;
  maxItems?: number | undefined;
}

/** A list of values from a fixed set: one checkbox each. */
export interface MultiChoiceField extends FieldBase {
  kind: 'multi';
  options: FieldOption[];
  minItems?: number | undefined;
  maxItems?: number | undefined;
}

/** A nested object: a fieldset of its own fields. */
export interface GroupField extends FieldBase {
  kind: 'group';
  fields: FormField[];
}

export type FormField = TextField | NumberField | ChoiceField | BooleanField | ListField | MultiChoiceField | GroupField;

/** What a person has typed, by field path: text as typed (numbers too), a checkbox, the items of a list. */
export type FormValue = string | boolean | string[];
export type FormValues = Record<string, FormValue>;

/** An option's value as a form control holds it. */
export const optionKey = (value: FieldOption['value']) => String(value);

/** The values a form starts from: the schema's defaults, else empty (a list starts with one item to fill in). */
export function initialValues(fields: readonly FormField[]): FormValues {
  const entries = (list: readonly FormField[]): [string, FormValue][] =>
    list.flatMap((field) => (field.kind === 'group' ? entries(field.fields) : [[field.path, field.initial ?? emptyValue(field)]]));
  return Object.fromEntries(entries(fields));
}

/**
 * What a link's query string fills in (`/request/<type>/?tenant=checkout`): top-level text and
 * number fields take the value as typed, a choice only one of its options; nothing else is taken.
 */
export function valuesFromQuery(fields: readonly FormField[], query: URLSearchParams): FormValues {
  const filled: FormValues = {};
  for (const field of fields) {
    const value = query.get(field.path);
    if (value === null) continue;
    if (field.kind === 'text' || field.kind === 'number') filled[field.path] = value;
    else if (field.kind === 'choice' && field.options.some((option) => optionKey(option.value) === value)) filled[field.path] = value;
  }
  return filled;
}

/** The value typed into one field (own keys only: a path is whatever the schema names). */
export const typedAt = (values: FormValues, path: string): FormValue | undefined => ownValue(values, path);

function emptyValue(field: Exclude<FormField, GroupField>): FormValue {
  switch (field.kind) {
    case 'boolean':
      return false;
    case 'multi':
      return [];
    case 'list':
      return field.required || (field.minItems ?? 0) > 0 ? [''] : [];
    default:
      return '';
  }
}

const text = (value: FormValue | undefined) => (typeof value === 'string' ? value : '');
const items = (value: FormValue | undefined) => (Array.isArray(value) ? value : []);

/** A number as typed: a number when it reads as one, else the text itself, for the check to refuse. */
function numberOf(typed: string): number | string {
  const n = typed.trim() === '' ? NaN : Number(typed);
  return Number.isFinite(n) ? n : typed;
}

function scalar(field: TextField | NumberField, typed: string): unknown {
  // Empty is left out where the schema allows that, else null where the schema takes null.
  if (typed === '') return field.nullable && field.required ? null : undefined;
  return field.kind === 'number' ? numberOf(typed) : typed;
}

/** The value of one field as the request carries it; undefined leaves the key out. */
function valueOf(field: FormField, values: FormValues): unknown {
  const typed = typedAt(values, field.path);
  switch (field.kind) {
    case 'text':
    case 'number':
      return scalar(field, text(typed));
    case 'boolean':
      return typed === true;
    case 'choice': {
      const key = text(typed);
      return key === '' ? undefined : (field.options.find((o) => optionKey(o.value) === key)?.value ?? key);
    }
    case 'multi': {
      const chosen = new Set(items(typed));
      return field.options.filter((o) => chosen.has(optionKey(o.value))).map((o) => o.value);
    }
    case 'list':
      // Every item as typed, empty ones too: the check asks to fill them in or remove them.
      return items(typed).map((item) => (field.item.kind === 'number' ? numberOf(item) : item));
    case 'group': {
      const object = requestOf(field.fields, values);
      // An optional group left empty is left out, not sent as an empty object.
      return Object.keys(object).length === 0 && !field.required ? undefined : object;
    }
  }
}

/** The request the form sends: the JSON body of POST /api/requests/{type}. */
export function requestOf(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  // fromEntries defines own properties: a key such as `__proto__` stays a key (lib/records.ts).
  return Object.fromEntries(fields.flatMap((field) => {
    const value = valueOf(field, values);
    return value === undefined ? [] : [[field.key, value]];
  }));
}

/** The paths of the fields on the page for these values, in page order: groups, then their fields; lists, then their items. */
export function fieldPaths(fields: readonly FormField[], values: FormValues): string[] {
  return fields.flatMap((field) => {
    if (field.kind === 'group') return [field.path, ...fieldPaths(field.fields, values)];
    if (field.kind === 'list') return [field.path, ...items(typedAt(values, field.path)).map((_, i) => `${field.path}[${i}]`)];
    return [field.path];
  });
}
