/**
 * The words for zod's issues, all in one place: one sentence per issue that names the field and
 * says what to do ("Give the team or product name as people say it.", "Choose the category: docs,
 * service, portal, process or other."), naming the field as lib/field-words.ts finds it in the
 * schema. A message the schema wrote itself is kept as it is; zod's defaults ("Invalid option:
 * expected one of …") never reach a person. The form, the API's 422 and the content check all say
 * the same (lib/problems.ts).
 */
import { z } from 'zod';
import { fieldWords, type FieldWords } from './field-words.ts';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

export interface FieldMessage {
  path: PropertyKey[];
  message: string;
}

const zodWords = z.locales.en().localeError;

function wordsOf(said: ReturnType<typeof zodWords>): string | undefined {
  return typeof said === 'string' ? said : (said?.message ?? undefined);
}

/**
 * The message is zod's own English, not the schema's. Issues keep no input, so zod's words for a
 * type error are compared up to what they say was received.
 */
function isZodDefault(issue: Issue): boolean {
  const words = wordsOf(zodWords({ ...issue, input: undefined } as Parameters<typeof zodWords>[0]));
  if (words === undefined) return false;
  if (issue.code === 'invalid_type') return issue.message.startsWith(words.replace(/received \S+$/, 'received '));
  return issue.message === words;
}

/** zod words a missing value as "Invalid input: expected string, received undefined". */
const isMissing = (issue: Issue) => issue.code === 'invalid_type' && / received undefined$/.test(issue.message);

/** `a, b or c` (or `a, b and c`). */
function listOf(values: readonly unknown[], last = 'or'): string {
  const words = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}` : (words[0] ?? '');
}

const quoted = (keys: readonly string[]) => keys.map((k) => `"${k}"`);
const count = (n: number | bigint) => (n === 1 ? 'one' : String(n));
/** "for the team's name", or "to say why the quota must change". */
const forField = (w: FieldWords) => (w.clause ? `to say ${w.phrase}` : `for ${w.phrase}`);
const eg = (w: FieldWords) => (w.example ? `, e.g. ${w.example}` : '');

/** What a missing value is told. */
function give(w: FieldWords): string {
  if (w.choices?.many) return `Choose ${w.phrase} from ${listOf(w.choices.values, 'and')}.`;
  if (w.choices?.values.every((v) => typeof v === 'boolean')) return `Set ${w.phrase} to true or false.`;
  if (w.choices) return `Choose ${w.phrase}: ${listOf(w.choices.values)}.`;
  if (w.hint) return `Give ${w.phrase}: ${w.hint}.`;
  return `${w.clause ? 'Say' : 'Give'} ${w.phrase}${eg(w)}.`;
}

/** What a value of another type should be, as in "Use a number for …". */
const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  nan: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  set: 'a list',
  object: 'an object of names and values',
  record: 'an object of names and values',
  map: 'an object of names and values',
  date: 'a date like 2026-12-31',
  null: 'null',
};

/** Formats the words of a format check can name, as in "Use an email address for …". */
const FORMATS: Record<string, string> = {
  email: 'an email address, e.g. team@example.com',
  url: 'a web address like https://example.com/',
  date: 'a date like 2026-12-31',
  datetime: 'a date and time like 2026-12-31T09:30:00Z',
  time: 'a time like 09:30',
  duration: 'a duration like P3D',
  uuid: 'a UUID',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  cidrv4: 'an IPv4 range',
  cidrv6: 'an IPv6 range',
  base64: 'base64 text',
  base64url: 'base64url text',
  json_string: 'JSON text',
  e164: 'a phone number like +442071838750',
};

const when = (n: number | bigint, origin: string) => (origin === 'date' ? new Date(Number(n)).toISOString().slice(0, 10) : String(n));

function tooSmall(issue: Extract<Issue, { code: 'too_small' }>, w: FieldWords): string {
  const n = issue.minimum;
  const { phrase } = w;
  switch (issue.origin) {
    case 'string':
      if (Number(n) <= 1 && !issue.exact) return give(w);
      if (issue.exact) return `Make ${phrase} exactly ${n} characters long.`;
      return w.clause ? `Say ${phrase} in at least ${n} characters.` : `Make ${phrase} at least ${n} characters long.`;
    case 'array':
    case 'set':
      if (issue.exact) return `Give exactly ${count(n)} of ${phrase}.`;
      return `${w.choices ? 'Choose' : 'Give'} at least ${count(n)} of ${phrase}.`;
    case 'file':
      return `Make ${phrase} at least ${n} bytes.`;
    case 'date':
      return issue.inclusive ? `Make ${phrase} ${when(n, 'date')} or later.` : `Make ${phrase} later than ${when(n, 'date')}.`;
    default:
      if (issue.exact) return `Make ${phrase} exactly ${n}.`;
      return issue.inclusive ? `Make ${phrase} ${n} or more.` : `Make ${phrase} more than ${n}.`;
  }
}

function tooBig(issue: Extract<Issue, { code: 'too_big' }>, w: FieldWords): string {
  const n = issue.maximum;
  const { phrase } = w;
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return `Make ${phrase} exactly ${n} characters long.`;
      return w.clause ? `Say ${phrase} in ${n} characters or fewer.` : `Shorten ${phrase} to ${n} characters or fewer.`;
    case 'array':
    case 'set':
      return issue.exact ? `Give exactly ${count(n)} of ${phrase}.` : `Give at most ${count(n)} of ${phrase}.`;
    case 'file':
      return `Make ${phrase} ${n} bytes or smaller.`;
    case 'date':
      return issue.inclusive ? `Make ${phrase} ${when(n, 'date')} or earlier.` : `Make ${phrase} earlier than ${when(n, 'date')}.`;
    default:
      if (issue.exact) return `Make ${phrase} exactly ${n}.`;
      return issue.inclusive ? `Make ${phrase} ${n} or less.` : `Make ${phrase} less than ${n}.`;
  }
}

function badFormat(issue: Extract<Issue, { code: 'invalid_format' }>, w: FieldWords): string {
  const { phrase } = w;
  const said = issue as Issue & { prefix?: string; suffix?: string; includes?: string };
  switch (issue.format) {
    case 'starts_with':
      return `Start ${phrase} with "${said.prefix}".`;
    case 'ends_with':
      return `End ${phrase} with "${said.suffix}".`;
    case 'includes':
      return `Put "${said.includes}" in ${phrase}.`;
    case 'regex':
    case 'template_literal':
      return w.example ? `Write ${phrase} like ${w.example}.` : `Check ${phrase}: it is not written the way this field takes.`;
    default: {
      const form = FORMATS[issue.format] ?? `a valid ${issue.format}`;
      const [what, example] = form.split(', e.g. ');
      return `Use ${what} ${forField(w)}${example ? `, e.g. ${example}` : ''}.`;
    }
  }
}

/** A union no option took: the option that came furthest says what is wrong, or every option's type is named. */
function union(issue: Extract<Issue, { code: 'invalid_union' }>, w: FieldWords, schema: Schema | undefined): FieldMessage[] {
  if ('options' in issue && issue.options?.length) return [{ path: issue.path, message: `Choose ${w.phrase}: ${listOf(issue.options)}.` }];
  const branches = issue.errors.filter((b) => b.length > 0);
  if (branches.length === 0) return [{ path: issue.path, message: `Check ${w.phrase}: it fits more than one of the forms it may take; make it fit one.` }];
  const wrongKind = (b: Issue[]) => b.length === 1 && b[0]!.code === 'invalid_type' && b[0]!.path.length === 0;
  const closest = branches.filter((b) => !wrongKind(b)).sort((a, b) => a.length - b.length)[0];
  if (closest) return closest.flatMap((sub) => fieldMessages({ ...sub, path: [...issue.path, ...sub.path] }, schema));
  const kinds = [...new Set(branches.map((b) => KINDS[(b[0] as Extract<Issue, { code: 'invalid_type' }>).expected] ?? 'another kind of value'))];
  return [{ path: issue.path, message: `Use ${listOf(kinds)} ${forField(w)}.` }];
}

/** The sentence zod's default would have been, for the field the issue is about. */
function sentence(issue: Issue, w: FieldWords): string {
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue)) return give(w);
      if (issue.expected === 'never' || issue.expected === 'undefined' || issue.expected === 'void') return `Leave out ${w.phrase}.`;
      if (w.choices && !w.choices.many) return give(w);
      return KINDS[issue.expected] ? `Use ${KINDS[issue.expected]} ${forField(w)}.` : `Check ${w.phrase}: it is the wrong kind of value.`;
    case 'invalid_value':
      return issue.values.length === 1 ? `Set ${w.phrase} to ${listOf(issue.values)}.` : `Choose ${w.phrase}: ${listOf(issue.values)}.`;
    case 'too_small':
      return tooSmall(issue, w);
    case 'too_big':
      return tooBig(issue, w);
    case 'invalid_format':
      return badFormat(issue, w);
    case 'not_multiple_of':
      return `Make ${w.phrase} a multiple of ${issue.divisor}.`;
    case 'unrecognized_keys': {
      const one = issue.keys.length === 1;
      return `Remove ${listOf(quoted(issue.keys), 'and')} or rename ${one ? 'it' : 'them'}: ${one ? 'there is no such field' : 'there are no such fields'} here.`;
    }
    default:
      return `Check ${w.phrase}.`;
  }
}

/** One issue as the sentences a person reads, each on the path it is about; `schema` is what was parsed. */
export function fieldMessages(issue: Issue, schema: Schema | undefined): FieldMessage[] {
  // A key of a record that its key schema refused: that schema's own words, not "Invalid key in record".
  if ((issue.code === 'invalid_key' || issue.code === 'invalid_element') && issue.issues.length > 0) {
    return [{ path: issue.path, message: issue.issues.flatMap((sub) => fieldMessages({ ...sub, path: issue.path }, schema)).map((m) => m.message).join(' ') }];
  }
  if (!isZodDefault(issue)) return [{ path: issue.path, message: issue.message }];
  const w = fieldWords(schema, issue.path);
  if (issue.code === 'invalid_union') return union(issue, w, schema);
  return [{ path: issue.path, message: sentence(issue, w) }];
}
