/**
 * The browser's check of a request against the form's fields (lib/form-fields.ts): what JSON Schema
 * says of each value (required, lengths, patterns, bounds, choices, item counts), answered with the
 * sentence the page wrote for that field. A few lines instead of a validator library in the page;
 * the server parses with the type's zod schema all the same, and its answer lands on the same fields
 * (its refinements, which JSON Schema cannot say, included).
 */
import type { FormField, ListField, NumberField, TextField } from './form-fields.ts';
import type { Problem } from './problems.ts';
import { ownValue } from './records.ts';

type Check = (field: FormField, value: unknown, path: string) => Problem[];

const problem = (path: string, message: string | undefined, fallback: string): Problem[] => [{ path, message: message ?? fallback }];

/** A pattern as zod tests it; one the browser cannot compile is left to the server. */
function matches(source: string, value: string): boolean {
  try {
    return new RegExp(source).test(value);
  } catch {
    return true;
  }
}

function checkText(field: TextField, value: unknown, path: string): Problem[] {
  const { messages: m } = field;
  if (typeof value !== 'string') return problem(path, m.missing, 'Fill this in.');
  if (field.minLength !== undefined && value.length < field.minLength) return problem(path, m.minLength ?? m.missing, 'Write more here.');
  if (field.maxLength !== undefined && value.length > field.maxLength) return problem(path, m.maxLength, 'Shorten this.');
  const broken = field.patterns.find((p) => !matches(p.source, value));
  return broken ? [{ path, message: broken.message }] : [];
}

function checkNumber(field: NumberField, value: unknown, path: string): Problem[] {
  const { messages: m } = field;
  if (typeof value !== 'number') return problem(path, typeof value === 'string' ? m.number : m.missing, 'Give a number.');
  if (field.integer && !Number.isInteger(value)) return problem(path, m.integer, 'Give a whole number.');
  if (field.minimum !== undefined && value < field.minimum) return problem(path, m.minimum, 'Give a larger number.');
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) return problem(path, m.minimum, 'Give a larger number.');
  if (field.maximum !== undefined && value > field.maximum) return problem(path, m.maximum, 'Give a smaller number.');
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) return problem(path, m.maximum, 'Give a smaller number.');
  // As zod tests multipleOf: the remainder of the division, allowing for binary fractions.
  if (field.step !== undefined && Math.abs(value / field.step - Math.round(value / field.step)) > 1e-9) return problem(path, m.step, `Give a multiple of ${field.step}.`);
  return [];
}

function checkList(field: ListField, value: unknown, path: string): Problem[] {
  const list = Array.isArray(value) ? value : [];
  const count = countProblems(field, list.length, path);
  const each = list.flatMap((item, i) => {
    const at = `${path}[${i}]`;
    const found = CHECKS[field.item.kind](field.item, item, at);
    // An empty item the schema would take is still a row the person added and left: fill it in or remove it.
    return found.length === 0 && item === '' ? problem(at, field.item.messages.missing, 'Fill in this item or remove it.') : found;
  });
  return [...count, ...each];
}

function countProblems(field: { minItems?: number | undefined; maxItems?: number | undefined; messages: FormField['messages'] }, count: number, path: string): Problem[] {
  if (field.minItems !== undefined && count < field.minItems) return problem(path, field.messages.minItems, 'Add more items.');
  if (field.maxItems !== undefined && count > field.maxItems) return problem(path, field.messages.maxItems, 'Remove some items.');
  return [];
}

const CHECKS: Record<FormField['kind'], Check> = {
  text: (field, value, path) => checkText(field as TextField, value, path),
  number: (field, value, path) => checkNumber(field as NumberField, value, path),
  boolean: (field, value, path) => (typeof value === 'boolean' ? [] : problem(path, field.messages.missing, 'Tick or untick this.')),
  choice: (field, value, path) => {
    if (value === undefined) return problem(path, field.messages.missing, 'Choose one.');
    const options = field.kind === 'choice' ? field.options : [];
    return options.some((o) => o.value === value) ? [] : problem(path, field.messages.choice, 'Choose one of the options.');
  },
  multi: (field, value, path) => (field.kind === 'multi' ? countProblems(field, Array.isArray(value) ? value.length : 0, path) : []),
  list: (field, value, path) => checkList(field as ListField, value, path),
  group: (field, value) => (field.kind === 'group' && typeof value === 'object' ? checkFields(field.fields, value as Record<string, unknown>) : []),
};

/** The problems of a request (as `requestOf` made it) with its form's fields, in page order; none when it may be sent. */
export function checkFields(fields: readonly FormField[], request: Readonly<Record<string, unknown>> | undefined): Problem[] {
  return fields.flatMap((field) => {
    const value = request === undefined ? undefined : ownValue(request, field.key);
    // null is what an empty field of a nullable value sends: the schema takes it.
    if (value === null && (field.kind === 'text' || field.kind === 'number') && field.nullable) return [];
    if (value === undefined || value === null) return field.required ? problem(field.path, field.messages.missing, 'Fill this in.') : [];
    return CHECKS[field.kind](field, value, field.path);
  });
}
