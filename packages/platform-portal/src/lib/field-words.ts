/**
 * How a message names a field: found in the schema along the problem's path, from the field's
 * `.meta({ title })`, else the first clause of its `.describe()` text, else its key. Any schema
 * works, a request type's, a site's own or a content file's, so no list of fields is kept by hand.
 */
import { z } from 'zod';

export interface FieldWords {
  /**
   * The field as a message says it: a noun phrase ("the team or product name as people say it",
   * "the rating") or, when `clause`, a clause ("why the quota must change").
   */
  phrase: string;
  /** `phrase` is a clause, said with "Say …" rather than "Give …". */
  clause: boolean;
  /** The description's first sentence when `phrase` is only the key, e.g. "1 (very poor) to 5 (very good)". */
  hint?: string | undefined;
  /** The example the description gives after "e.g.", e.g. "storage_gb". */
  example?: string | undefined;
  /** What the field is chosen from (an enum, a literal, a list of either, a boolean); `many` for a list. */
  choices?: { values: readonly unknown[]; many: boolean } | undefined;
}

type Schema = z.core.$ZodType;
/** The parts of zod's definitions the walk reads; zod's own types differ per schema kind. */
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  getter?: () => Schema;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  items?: Schema[];
  rest?: Schema | null;
  valueType?: Schema;
  options?: Schema[];
  left?: Schema;
  right?: Schema;
  entries?: Record<string, unknown>;
  values?: unknown[];
}

const def = (schema: Schema) => schema._zod.def as unknown as Def;

/** Schemas that hold one other and add nothing a message names: optional, default, lazy, a pipe… */
function inner(schema: Schema): Schema | undefined {
  const d = def(schema);
  if (d.innerType) return d.innerType;
  if (d.type === 'lazy' && d.getter) return d.getter();
  // z.preprocess is a pipe from a transform; .transform() a pipe into one: the other side has the shape.
  if (d.type === 'pipe' && d.in && d.out) return def(d.in).type === 'transform' ? d.out : d.in;
  return undefined;
}

/** The schema itself and each it wraps, outermost first. */
function layers(schema: Schema): Schema[] {
  const out = [schema];
  for (let next = inner(schema); next && out.length < 20; next = inner(next)) out.push(next);
  return out;
}

const core = (schema: Schema) => layers(schema).at(-1)!;

interface Step {
  schema: Schema;
  /** Reached as an entry of a record or map: its key is data, not the name of a field. */
  entry: boolean;
}

function step(schema: Schema, key: PropertyKey): Step | undefined {
  const d = def(core(schema));
  switch (d.type) {
    case 'object': {
      const field = d.shape && Object.hasOwn(d.shape, key) ? d.shape[key as string] : d.catchall;
      return field && { schema: field, entry: !Object.hasOwn(d.shape ?? {}, key) };
    }
    case 'array':
      return typeof key === 'number' && d.element ? { schema: d.element, entry: false } : undefined;
    case 'tuple': {
      const item = typeof key === 'number' ? (d.items?.[key] ?? d.rest) : undefined;
      return item ? { schema: item, entry: false } : undefined;
    }
    case 'record':
    case 'map':
      return d.valueType && { schema: d.valueType, entry: true };
    case 'union':
      for (const option of d.options ?? []) {
        const found = step(option, key);
        if (found) return found;
      }
      return undefined;
    case 'intersection':
      return (d.left && step(d.left, key)) ?? (d.right && step(d.right, key));
    default:
      return undefined;
  }
}

/** The schema of the field at `path` of `root`, or undefined when the schema has no such field. */
export function fieldSchema(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let at: Schema | undefined = root;
  for (const key of path) at = at && step(at, key)?.schema;
  return at;
}

/** The title or description nearest the field: `.describe()` may sit on a wrapper or inside it. */
function meta(schema: Schema): { title?: string; description?: string } {
  for (const layer of layers(schema)) {
    const found = z.globalRegistry.get(layer);
    if (found?.title || found?.description) return { title: found.title, description: found.description };
  }
  return {};
}

function choicesOf(schema: Schema): FieldWords['choices'] {
  const d = def(core(schema));
  if (d.type === 'enum' && d.entries) return { values: Object.values(d.entries), many: false };
  if (d.type === 'literal' && d.values) return { values: d.values, many: false };
  if (d.type === 'boolean') return { values: [true, false], many: false };
  if (d.type === 'array' && d.element) {
    const each = choicesOf(d.element);
    return each && { values: each.values, many: true };
  }
  return undefined;
}

const WH = /^(what|why|where|when|which|who|whom|whose|how|whether)\b/i;
const DETERMINER = /^(the|a|an|this|that|these|those|your|its|their|one|each|every|any|some|no)\b/i;
// "Of those, the merged ones." names its field only with what comes before it.
const PREPOSITION = /^(of|in|for|to|from|with|by|at|on|as)\b/i;
// "e.g." and "i.e." do not end a sentence.
const ABBREVIATION = /\b(e\.g|i\.e)\./g;

/** The first sentence of a description, without its full stop. */
function firstSentence(text: string): string {
  const masked = text.replace(ABBREVIATION, (m) => m.replace(/\./g, '\u0000'));
  const end = masked.search(/\.(\s|$)/);
  return (end === -1 ? masked : masked.slice(0, end)).replace(/\u0000/g, '.').trim();
}

/** "storage_gb" from "Identifier of a quota unit, e.g. storage_gb."; quotes around it dropped. */
function exampleIn(text: string): string | undefined {
  const found = /\be\.g\.,?\s+(.+?)(?:[.;)]?\s*$|[;)]|\.\s)/.exec(firstSentence(text));
  return found?.[1]?.replace(/^["'`](.*)["'`]$/, '$1').trim() || undefined;
}

/** "Team or product name as people say it" → "team or product name …"; "GitHub users …" stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]*\b/.test(text) && !/^I\b/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** A phrase for a message from a title or a description's first clause; undefined when it cannot be one. */
function phraseOf(text: string): Pick<FieldWords, 'phrase' | 'clause'> | undefined {
  const sentence = firstSentence(text);
  // A description that starts with a figure or a sign ("1 (very poor) to 5") names no thing.
  if (!/^[A-Za-z]/.test(sentence) || PREPOSITION.test(sentence)) return undefined;
  // Up to what follows the name: a list, an example, a remark. A clause keeps its commas ("What
  // worked, what did not"); a noun's comma starts a remark ("The quota you need, in the unit of …").
  const end = WH.test(sentence) ? /[;:]|\s\(|\s[-–—]\s|,?\se\.g\./ : /[;:,]|\s\(|\s[-–—]\s|\se\.g\./;
  const clause = sentence.split(end)[0]!.trim();
  if (WH.test(clause)) return { phrase: lowerFirst(clause), clause: true };
  const noun = lowerFirst(clause);
  return { phrase: DETERMINER.test(noun) ? noun : `the ${noun}`, clause: false };
}

/** A key as words: `cost_centre` → "cost centre", `neededBy` → "needed by". The form's labels start from it too. */
export function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
}

/** How messages name the field at `path` of a value `root` parsed (without `root`, from the path alone). */
export function fieldWords(root: Schema | undefined, path: readonly PropertyKey[]): FieldWords {
  let at: Schema | undefined = root;
  let entry = false;
  for (const key of path) {
    const next: Step | undefined = at && step(at, key);
    at = next?.schema;
    entry = next?.entry ?? false;
  }
  const { title, description } = at ? meta(at) : {};
  const choices = at && choicesOf(at);
  const example = description && exampleIn(description);
  const key = [...path].reverse().find((k) => typeof k === 'string');
  // A choice's description tends to explain its values ("Now: being built; next: …"), its key
  // names it: "Choose the category: docs, service, portal, process or other."
  const choiceByKey = choices && !choices.many && key !== undefined && !entry;
  const named = (title && phraseOf(title)) || (!choiceByKey && description && phraseOf(description));
  if (named) return { ...named, example, choices };
  const phrase = key === undefined ? 'the value as a whole' : entry ? `the value of ${key}` : `the ${keyWords(key)}`;
  return { phrase, clause: false, hint: description ? lowerFirst(firstSentence(description)) : undefined, example, choices };
}
