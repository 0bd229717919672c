/**
 * Ids people choose that become keys of records: `services.kafka.storage_gb` in a tenant file,
 * `quotas.storage_gb` in a service. A key named like a property every JavaScript object has
 * (`constructor`, `toString`, `__proto__`, …) would be found by `record[key]` on any record, so a
 * unit `constructor` would pass as a unit of every service. Such names are refused here, and the
 * engine reads records by own keys only (lib/records.ts).
 */
import { z } from 'zod';

/** `constructor`, `__proto__`, `toString`, `hasOwnProperty`, `valueOf`, …: what `{}[key]` finds. */
export const isInheritedName = (key: string): boolean => key in Object.prototype;

export const inheritedNameMessage = (key: string): string =>
  `"${key}" is the name of a property every JavaScript object has, so it cannot be an id; pick another.`;

/** An id schema that refuses the names every object already has; said only of an id that is otherwise well-formed. */
export function notInherited<S extends z.ZodString>(schema: S): S {
  return schema.refine((key) => !isInheritedName(key), {
    error: (issue) => inheritedNameMessage(String(issue.input)),
    when: (payload) => payload.issues.length === 0,
  });
}

export interface KeyedRecordOptions {
  /** Most entries it may have; more is refused before any entry is read. */
  max: number;
  /** The entries in words, for the message: "services", "quota units of a service". */
  entries: string;
}

/**
 * A record whose keys are ids people write. zod's record leaves out a `__proto__` key without a
 * word, and its key schema never sees it: this refuses it, and every other inherited name, on its
 * own path, and refuses more than `max` entries on the record's path.
 */
export function keyedRecord<K extends z.core.$ZodRecordKey, V extends z.ZodType>(key: K, value: V, { max, entries }: KeyedRecordOptions) {
  return z.preprocess((input, ctx) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
    const keys = Object.keys(input);
    if (keys.length > max) {
      ctx.addIssue({ code: 'custom', input, message: `${keys.length} ${entries} are more than the ${max} allowed; remove ${keys.length - max}.` });
      return input;
    }
    for (const name of keys.filter(isInheritedName)) ctx.addIssue({ code: 'custom', path: [name], input: name, message: inheritedNameMessage(name) });
    return input;
  }, z.record(key, value));
}
