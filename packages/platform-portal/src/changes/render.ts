/**
 * Values written as YAML text to splice into a file. A string is written plain where YAML 1.2 and
 * 1.1 readers both read it back as that string (PyYAML and other 1.1 readers take `yes`, `on`,
 * `012` for a boolean or a number), else quoted. Line breaks other than `\n` (CR, NEL, LS, PS),
 * control characters and the BOM are always escaped in double quotes: a YAML 1.1 reader ends a
 * line at NEL, LS and PS, and whatever follows would be read as YAML.
 */
import { Document, parse, Scalar as YamlScalar, stringify, visit, type ToStringOptions } from 'yaml';
import type { Data, Scalar } from './data.ts';
import type { Layout } from './yaml-file.ts';

/** Characters never written raw: controls other than `\n` (tab and CR too), DEL, C1 (NEL among them), LS, PS, BOM. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const ESCAPES: Record<string, string> = {
  '\0': '\\0', '\u0007': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\u000b': '\\v', '\f': '\\f', '\r': '\\r',
  '\u001b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return ESCAPES[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** A double-quoted scalar on one line, whatever the string holds. */
export function doubleQuoted(value: string): string {
  return `"${value.replace(/["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, escape)}"`;
}

/** Text the yaml package wrote with unsafe strings double-quoted: escape what it leaves raw inside those quotes. */
const escapeRaw = (text: string) => text.replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, escape);

const OPTIONS: ToStringOptions = { lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER };

/** How yaml writes the string on its own in a block (`inFlow`: inside `[...]`): plain, quoted, or a block scalar. */
function yamlWrites(value: string, inFlow: boolean): string {
  if (!inFlow) return stringify(value, OPTIONS).replace(/\n$/, '');
  return stringify([value], { ...OPTIONS, flow: true }).replace(/^\[ /, '').replace(/ \]\n$/, '');
}

/** Whether a plain rendering is read back as the same string by YAML 1.1 too (a 1.1 date is fine: 1.2 readers see text there anyway). */
function plainSafeFor11(text: string, value: string): boolean {
  try {
    const read = parse(text, { version: '1.1' }) as unknown;
    return read === value || read instanceof Date;
  } catch {
    return false;
  }
}

/** Whether a string needs double quotes to survive: unsafe characters, a line break where one line is needed, or a plain form 1.1 misreads. */
function needsDoubleQuotes(value: string, oneLine: boolean): boolean {
  if (UNSAFE.test(value) || (oneLine && value.includes('\n'))) return true;
  const text = yamlWrites(value, false);
  return !/^["'|>]/.test(text) && !plainSafeFor11(text, value);
}

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | undefined;

/** A scalar on one line. A string keeps the style asked for where it can: single quotes need a one-line string without unsafe characters. */
export function inlineScalar(value: Scalar, style: ScalarStyle, inFlow: boolean): string {
  if (typeof value !== 'string') return value === null ? 'null' : stringify(value, OPTIONS).replace(/\n$/, '');
  if (style === 'QUOTE_DOUBLE' || needsDoubleQuotes(value, true)) return doubleQuoted(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  const text = yamlWrites(value, inFlow);
  return text.startsWith('"') || text.includes('\n') ? doubleQuoted(value) : text;
}

/**
 * A document of the value with each string's style chosen (`quoteAll`: every value double-quoted,
 * no block scalars). A key stays on one line: plain where it can be, else double-quoted.
 */
function documentOf(value: unknown, quoteAll: boolean, flow: boolean): Document {
  const doc = new Document(value);
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string') return;
      const isKey = key === 'key';
      if ((quoteAll && !isKey) || needsDoubleQuotes(node.value, flow || isKey)) node.type = YamlScalar.QUOTE_DOUBLE;
    },
    Map: (_, node) => void (node.flow = flow),
    Seq: (_, node) => void (node.flow = flow),
  });
  return doc;
}

/** The value on one line: a scalar, or flow collections (`{ a: 1 }`, `[ x, y ]`). */
export function flowText(value: Data, quoteAll = false): string {
  if (value === null || typeof value !== 'object') return quoteAll && typeof value === 'string' ? doubleQuoted(value) : inlineScalar(value, undefined, true);
  return escapeRaw(documentOf(value, quoteAll, true).toString(OPTIONS).replace(/\n$/, ''));
}

/** The value as a block at column 0, each line ending in `\n`: what goes under a dash or a key, before indenting. */
export function blockText(value: Data, layout: Layout, quoteAll = false): string {
  return escapeRaw(documentOf(value, quoteAll, false).toString({ ...OPTIONS, indent: layout.step, indentSeq: layout.indentSeq }));
}

/** `key: value` (or `key:` and the value's lines below it) at column 0, the key quoted if it needs to be. */
export function pairText(key: string, value: Data, layout: Layout, quoteAll = false): string {
  // A Map keeps a key like `__proto__` a key; an object literal would not.
  const doc = documentOf(new Map([[key, value]]), quoteAll, false);
  return escapeRaw(doc.toString({ ...OPTIONS, indent: layout.step, indentSeq: layout.indentSeq }));
}

/** Indents every line that has text (empty lines stay empty: no trailing spaces); the first line gets `first`. */
export function indent(text: string, prefix: string, first = prefix): string {
  return text
    .split('\n')
    .map((line, i) => (line === '' ? line : (i === 0 ? first : prefix) + line))
    .join('\n');
}

/**
 * A string as a block scalar in the style it replaces (`|` or `>`), its content at `contentIndent`,
 * or undefined when the string needs an indentation indicator or escapes (then it is written
 * double-quoted). The chomping indicator keeps the string's trailing line breaks exactly. Lines end in `\n`.
 */
export function blockScalar(value: string, folded: boolean, contentIndent: string): string | undefined {
  if (value === '' || UNSAFE.test(value) || /^[ \n]/.test(value)) return undefined;
  const body = value.replace(/\n+$/, '');
  const trailing = value.length - body.length;
  const lines = body.split('\n');
  // Folding joins lines with a space; a line that starts with a space is kept as it is, which a folded writer cannot express simply.
  if (folded && lines.some((line) => /^\s/.test(line))) return undefined;
  const content = folded ? body.replace(/\n+/g, (breaks) => `\n${breaks}`).split('\n') : lines;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const text = content.map((line) => (line === '' ? '' : contentIndent + line)).join('\n');
  return `${folded ? '>' : '|'}${chomp}\n${text}\n${'\n'.repeat(Math.max(0, trailing - 1))}`;
}
