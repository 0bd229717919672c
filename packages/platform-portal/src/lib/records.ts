/**
 * Reading a record by a key someone wrote: a tenant's service, a service's quota unit, a type's
 * labels. `record[key]` also finds what every object inherits, so `quotas['constructor']` is
 * Object's constructor; these read own properties only. The schemas refuse such ids too
 * (schemas/keys.ts); this holds wherever data did not come through one.
 */

/** The value under `key` if the record has it as its own property, else undefined. */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
