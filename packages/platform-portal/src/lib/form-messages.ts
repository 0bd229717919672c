/**
 * The sentences a form made from a schema says in the browser, the same the server will say: for
 * each constraint of a field, a value that breaks it is parsed with the field's own zod schema, and
 * the issue is worded by lib/field-messages.ts, as the API's 422 words it. The author's own messages
 * (`.regex(re, 'Use lowercase letters.')`, `z.string({ error: '…' })`) come through as they are.
 * Build time only: the browser gets the sentences, not zod.
 */
import type { z } from 'zod';
import { fieldMessages } from './field-messages.ts';
import { fieldSchema } from './field-words.ts';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/** Wrappers that let a value be missing or null: the probe asks the schema inside them. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

function required(schema: Schema): Schema {
  let at = schema;
  for (let depth = 0; depth < 20; depth++) {
    const def = at._zod.def as { type: string; innerType?: Schema; in?: Schema };
    if (WRAPPERS.has(def.type) && def.innerType) at = def.innerType;
    else if (def.type === 'pipe' && def.in) at = def.in;
    else break;
  }
  return at;
}

export interface Prober {
  /**
   * What the server says when the field is given `value`: the first issue `pick` takes, worded;
   * undefined when the value raises no such issue.
   */
  say(value: unknown, pick?: (issue: Issue) => boolean): string | undefined;
}

/** Probes the field at `path` of the request schema `root`; undefined when the schema has no such field. */
export function prober(root: z.ZodType, path: readonly PropertyKey[]): Prober | undefined {
  const found = fieldSchema(root, path);
  if (!found) return undefined;
  const schema = required(found);
  return {
    say(value, pick = () => true) {
      let issues: Issue[];
      try {
        const result = (schema as unknown as z.ZodType).safeParse(value);
        issues = result.success ? [] : result.error.issues;
      } catch {
        // An async refinement cannot be probed: the form words it itself.
        return undefined;
      }
      const issue = issues.find((i) => i.path.length === 0 && pick(i));
      return issue && fieldMessages({ ...issue, path: [...path, ...issue.path] }, root)[0]?.message;
    },
  };
}

/** A string the pattern refuses, to probe the message of its check. */
export function breaking(source: string): string | undefined {
  let pattern: RegExp;
  try {
    pattern = new RegExp(source);
  } catch {
    return undefined;
  }
  return ['!', '', ' ', '#', 'A', '0', '-', 'a', '\u00e9', 'a'.repeat(300)].find((candidate) => !pattern.test(candidate));
}

/** Probe values for a number that is not a multiple of `step`, within what an integer takes. */
export const offStep = (step: number) => [step * 0.5, step + 1, 1];

/** Picks the issues of one code. */
export const withCode = (c: Issue['code']) => (issue: Issue) => issue.code === c;
