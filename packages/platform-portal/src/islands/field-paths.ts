/**
 * Problem paths (`services.kafka.partitions`, `owners[0]`, as the API and zod name them) onto the
 * form's fields, and the DOM ids that tie each field to its help and error text.
 */

/** `owners[0]` → ['owners', '[0]']; `services.kafka.storage_gb` → ['services', 'kafka', 'storage_gb']. */
function segments(path: string): string[] {
  return path.split(/\.|(?=\[)/).filter(Boolean);
}

function join(parts: string[]): string {
  return parts.reduce((out, part) => (part.startsWith('[') || out === '' ? out + part : `${out}.${part}`), '');
}

/**
 * The field that shows a problem: the path itself when the form has that field, else its nearest
 * ancestor (`services.kafka.partitions` of an unchecked service lands on `services.kafka`, then
 * `services`); '' when none fits, for the form as a whole.
 */
export function fieldOf(path: string, fields: readonly string[]): string {
  const parts = segments(path);
  for (let n = parts.length; n > 0; n--) {
    const candidate = join(parts.slice(0, n));
    if (fields.includes(candidate)) return candidate;
  }
  return '';
}

const safe = (path: string) => path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');

export const fieldId = (form: string, path: string) => `${form}-${safe(path) || 'form'}`;
export const errorId = (form: string, path: string) => `${fieldId(form, path)}-error`;
export const helpId = (form: string, path: string) => `${fieldId(form, path)}-help`;

/**
 * Ids of the form's own parts. A colon, which no field id holds, keeps them apart from the fields
 * of a form made from a schema, whose fields may well be called `status` or `summary`.
 */
export const partId = (form: string, part: 'summary' | 'preview' | 'status') => `${form}:${part}`;

/** Focuses a field, or the first control inside a group (a fieldset is not focusable itself). */
export function focusField(form: string, path: string): void {
  const element = document.getElementById(fieldId(form, path));
  if (!element) return;
  const target = element.matches('input, select, textarea, button') ? element : element.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus();
  // Scroll the label into view too, not only the control.
  (target ?? element).scrollIntoView?.({ block: 'center' });
}

/** Value at a problem path of a request, to tell "missing" from "wrong". */
export function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = value;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** `owners[0]` → ['owners', 0]; the inverse of pathToString in src/lib/problems.ts. */
export function parsePath(path: string): PropertyKey[] {
  return segments(path).map((s) => (/^\[\d+\]$/.test(s) ? Number(s.slice(1, -1)) : s));
}
