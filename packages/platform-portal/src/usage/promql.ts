/**
 * Filling a usage query template with a tenant's slug. The slug only ever becomes the inside of a
 * double-quoted PromQL string, escaped the way PromQL reads strings (Go's escapes:
 * https://prometheus.io/docs/prometheus/latest/querying/basics/#string-literals), so no value can
 * close the string, the matcher or the query around it.
 */
import { TENANT_PLACEHOLDER } from '../schemas/service.ts';

const QUOTED_PLACEHOLDER = `"${TENANT_PLACEHOLDER}"`;
const NAMED_ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A value as the body of a double-quoted PromQL string (without the quotes). */
export function escapeLabelValue(value: string): string {
  // PromQL rejects strings that are not valid UTF-8; a lone surrogate would be sent as U+FFFD, another value.
  if (!value.isWellFormed()) throw new Error(`The label value ${JSON.stringify(value)} is not well-formed Unicode; it cannot be matched exactly.`);
  let escaped = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (NAMED_ESCAPES[char]) escaped += NAMED_ESCAPES[char];
    else if (code < 0x20 || code === 0x7f) escaped += `\\x${code.toString(16).padStart(2, '0')}`;
    else escaped += char;
  }
  return escaped;
}

/**
 * The query for one tenant: each `"{{tenant}}"` becomes the slug as a quoted, escaped string.
 * UsageQuerySchema allows the placeholder only in that form; anything else is refused here too.
 */
export function fillQuery(template: string, tenant: string): string {
  const parts = template.split(QUOTED_PLACEHOLDER);
  if (parts.length < 2 || parts.some((part) => part.includes(TENANT_PLACEHOLDER))) {
    throw new Error(`The usage query ${template} must use ${TENANT_PLACEHOLDER} only as a whole quoted label value, e.g. tenant="${TENANT_PLACEHOLDER}".`);
  }
  return parts.join(`"${escapeLabelValue(tenant)}"`);
}
