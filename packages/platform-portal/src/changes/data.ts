/**
 * The values the builders write, as plain data: what a YAML file holds once read (strings, numbers,
 * booleans, null, lists, maps), and the comparisons that check an edit read back as intended.
 * Keys like `__proto__` and `constructor` are data here: they are defined as own properties, never
 * assigned, so no edit reaches an object's prototype.
 */
import type { KeyPath } from './refusals.ts';

export type Scalar = string | number | boolean | null;
export type Data = Scalar | Data[] | { [key: string]: Data };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Defines `record[key]` as an own, enumerable property: `__proto__` is a key like any other. */
export function defineOwn(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The value as YAML will hold it: a map drops its undefined fields (yaml writes none), a list's
 * undefined item becomes null. Anything that is not data (a function, a Date, a class instance,
 * a bigint, text that is not well-formed Unicode) is a programming error, thrown as a TypeError.
 */
export function toData(value: unknown, at = 'value'): Data {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') {
    // A lone surrogate has no UTF-8 form: GitHub would store a replacement character instead.
    if (!value.isWellFormed()) throw new TypeError(`${at} is not well-formed Unicode text (a lone surrogate)`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : toData(item, `${at}[${i}]`)));
  if (isRecord(value) && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
    const out: Record<string, Data> = {};
    for (const key of Object.keys(value)) {
      if (!key.isWellFormed()) throw new TypeError(`a key of ${at} is not well-formed Unicode text`);
      if (value[key] !== undefined) defineOwn(out, key, toData(value[key], `${at}.${key}`));
    }
    return out;
  }
  throw new TypeError(`${at} is not data a YAML file can hold: ${Object.prototype.toString.call(value)}`);
}

/** Structural equality of what a YAML file read gives: NaN equals NaN, key order does not count. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || (a === 0 && b === 0)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameData(a[key], b[key]));
  }
  return false;
}

function child(container: unknown, key: string | number): unknown {
  if (Array.isArray(container) && typeof key === 'number') return container[key];
  if (isRecord(container) && Object.hasOwn(container, String(key))) return container[String(key)];
  return undefined;
}

/** A copy of `root` with `edit` applied to the value at `keys` (maps made on the way where missing or null). */
export function editedAt(root: unknown, keys: KeyPath, edit: (current: unknown) => unknown): unknown {
  if (keys.length === 0) return edit(root);
  const [key, ...rest] = keys as [string | number, ...(string | number)[]];
  if (Array.isArray(root) && typeof key === 'number') return root.map((item, i) => (i === key ? editedAt(item, rest, edit) : item));
  const copy: Record<string, unknown> = {};
  if (isRecord(root)) for (const k of Object.keys(root)) defineOwn(copy, k, root[k]);
  defineOwn(copy, String(key), editedAt(child(root, key), rest, edit));
  return copy;
}
