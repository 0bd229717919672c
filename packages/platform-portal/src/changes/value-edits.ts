/**
 * The splices that put a value at a key path: over the node that is there, or as a new entry at
 * the end of the map the path stops in. Shared by setValue and addListItem (a list made where
 * there was none).
 */
import { isCollection, isMap, isScalar, isSeq, type CST, type Node, type YAMLMap } from 'yaml';
import { defineOwn, type Data } from './data.ts';
import { refuse, showPath, type KeyPath } from './refusals.ts';
import { blockScalar, blockText, doubleQuoted, flowText, indent, inlineScalar, pairText, type ScalarStyle } from './render.ts';
import { insertLines, type Splice } from './splices.ts';
import { afterLine, checkEditable, columnOf, lineStart, type Collection, type Location, type YamlFile } from './yaml-file.ts';

type Found = Extract<Location, { found: true }>;
type Missing = Extract<Location, { found: false }>;

const isEmptyCollection = (value: Data) => typeof value === 'object' && value !== null && Object.keys(value).length === 0;

/** The value as the key path's missing steps need it: `{ a: { b: value } }` for the steps `a`, `b`. */
function nested(file: YamlFile, keys: KeyPath, from: number, value: Data): Data {
  let result = value;
  for (let i = keys.length - 1; i >= from; i--) {
    const step = keys[i]!;
    if (typeof step === 'number') {
      throw refuse('not-found', file.path, keys.slice(0, i + 1), `${file.path} has no ${showPath(keys.slice(0, i + 1))}.`, 'there is no such list item; add items with addListItem');
    }
    const map: Record<string, Data> = {};
    defineOwn(map, step, result);
    result = map;
  }
  return result;
}

/** The offset of the `:` that starts a map entry's value, from the map's source tokens. */
export function colonOf(map: YAMLMap<unknown, unknown>, index: number): number | undefined {
  const item = (map.srcToken as CST.BlockMap | CST.FlowCollection | undefined)?.items[index];
  return item?.sep?.find((token) => token.type === 'map-value-ind')?.offset;
}

/** Column of the key of a block map's entry. */
function keyColumn(file: YamlFile, map: YAMLMap<unknown, unknown>, index: number): number {
  const key = map.items[index]!.key as Node;
  return columnOf(file.source, key.range![0]);
}

/** `{}` or `[]` as the value of a key in a block map: written out as a block when it gets its first entry. */
function isEmptyFlowUnderKey(file: YamlFile, node: Node, parent: Collection | undefined): boolean {
  if (!isCollection(node) || !node.flow || node.items.length > 0 || !isMap(parent) || parent.flow) return false;
  return /^(\{\}|\[\])$/.test(file.source.slice(node.range![0], node.range![1]));
}

/** The value of a block map's key, written below it where the key has none (`key:`, `key: ~`, `key: {}`): the key's line keeps its comment. */
function blockUnderKey(file: YamlFile, node: Node, parent: YAMLMap<unknown, unknown>, index: number, value: Data, quoteAll: boolean): Splice[] {
  const column = keyColumn(file, parent, index) + (Array.isArray(value) && !file.layout.indentSeq ? 0 : file.layout.step);
  const [start, end] = node.range!;
  // `key: ~` becomes `key:`, not `key: ` with a space at the end of the line.
  const restOfLine = file.source.slice(end, afterLine(file.source, end));
  const from = /^\r?\n?$/.test(restOfLine) ? start - /[ \t]*$/.exec(file.source.slice(0, start))![0].length : start;
  return [
    { start: from, end, text: '' },
    insertLines(file, afterLine(file.source, end), indent(blockText(value, file.layout, quoteAll), ' '.repeat(column))),
  ];
}

/** A scalar's text, in place: a space before it where the source has none (`key:` with no value). */
function inPlace(file: YamlFile, node: Node, text: string): Splice {
  const [start, end] = node.range!;
  const before = file.source[start - 1];
  return { start, end, text: start === end && before !== undefined && !/\s/.test(before) ? ` ${text}` : text };
}

/** Content indentation of a block scalar: its first line with text, else its key's plus a step. */
function blockIndent(file: YamlFile, start: number, end: number): string {
  const body = file.source.slice(start, end).split('\n').slice(1);
  const line = body.find((l) => l.trim() !== '');
  if (line) return /^ */.exec(line)![0];
  const keyLine = file.source.slice(lineStart(file.source, start), start);
  return ' '.repeat(/^ */.exec(keyLine)![0].length + file.layout.step);
}

/** The text of a single-line value: a scalar in `style` where it can be, or flow collections. */
function oneLine(value: Data, style: ScalarStyle, inFlow: boolean, quoteAll: boolean): string {
  if (typeof value === 'object' && value !== null) return flowText(value, quoteAll);
  return quoteAll && typeof value === 'string' ? doubleQuoted(value) : inlineScalar(value, style, inFlow);
}

function replaceScalar(file: YamlFile, node: Node & { type?: string; value: unknown }, inFlow: boolean, value: Data, quoteAll: boolean): Splice[] {
  const [start, end] = node.range!;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // The range of a block scalar runs to the end of its last line, line break included.
    const endsLine = file.source.slice(start, end).endsWith('\n');
    const block = typeof value === 'string' && !quoteAll ? blockScalar(value, node.type === 'BLOCK_FOLDED', blockIndent(file, start, end)) : undefined;
    const text = (block ?? `${oneLine(value, 'QUOTE_DOUBLE', inFlow, quoteAll)}\n`).replaceAll('\n', file.eol);
    return [{ start, end, text: endsLine ? text : text.slice(0, -file.eol.length) }];
  }
  return [inPlace(file, node, oneLine(value, node.type as ScalarStyle, inFlow, quoteAll))];
}

/** Splices that replace the node at `keys` with `value`. */
export function replaceNode(file: YamlFile, keys: KeyPath, { node, parent, index }: Found, value: Data, quoteAll: boolean): Splice[] {
  checkEditable(file, keys, node, { inside: true });
  const at = showPath(keys);
  if (node.tag !== undefined) {
    throw refuse('unprocessable', file.path, keys, `${at} in ${file.path} has an explicit tag; change it by hand.`, `has the tag ${node.tag}, which a new value may not fit`);
  }
  const inFlow = isCollection(parent) && parent.flow === true;
  const underKey = isMap(parent) && !parent.flow;
  const nothingThere = (isScalar(node) && node.value === null) || isEmptyFlowUnderKey(file, node, parent);
  if (typeof value === 'object' && value !== null && !isEmptyCollection(value) && underKey && nothingThere) {
    return blockUnderKey(file, node, parent, index, value, quoteAll);
  }
  if (isScalar(node)) return replaceScalar(file, node, inFlow, value, quoteAll);
  if (!isCollection(node)) throw new TypeError(`unexpected node at ${at}`);
  if (typeof value !== 'object' || value === null) {
    throw refuse('unprocessable', file.path, keys, `${at} in ${file.path} is ${isMap(node) ? 'a map' : 'a list'}, not a single value; change it by hand.`, `is ${isMap(node) ? 'a map' : 'a list'}: it can be replaced by a map or a list, not by ${JSON.stringify(value)}`);
  }
  if (node.flow) return [{ start: node.range![0], end: node.range![1], text: flowText(value, quoteAll) }];
  const [start, end] = node.range!;
  const colon = underKey ? colonOf(parent, index) : undefined;
  if (isEmptyCollection(value) && colon !== undefined) {
    // `key: {}` on the key's line, where the block's lines were.
    return [
      { start: colon + 1, end: colon + 1, text: ` ${flowText(value)}` },
      { start: lineStart(file.source, start), end: afterLine(file.source, end), text: '' },
    ];
  }
  // A block map or list: its lines, from the first, give way to the new value's, at its own column
  // (or the file's, when a map becomes a list or a list a map).
  const ownLine = file.source.slice(lineStart(file.source, start), start).trim() === '';
  let column = columnOf(file.source, start);
  if (underKey && Array.isArray(value) !== isSeq(node)) {
    column = keyColumn(file, parent, index) + (Array.isArray(value) && !file.layout.indentSeq ? 0 : file.layout.step);
  }
  const from = ownLine ? lineStart(file.source, start) : start;
  const to = afterLine(file.source, end);
  const pad = ' '.repeat(column);
  const text = indent(blockText(value, file.layout, quoteAll), pad, ownLine ? pad : '').replaceAll('\n', file.eol);
  const endsLine = file.source.slice(from, to).endsWith('\n');
  return [{ start: from, end: to, text: endsLine ? text : text.slice(0, -file.eol.length) }];
}

/** Splices that add the missing steps of `keys`, with `value` at the end, to the map (or the nothing) where the path stops. */
export function writeMissing(file: YamlFile, keys: KeyPath, missing: Missing, value: Data, quoteAll: boolean): Splice[] {
  const { missingAt, parent, grandparent, index } = missing;
  if (missingAt === keys.length) {
    // Only the whole document can be missing at the end of a path: the file is empty or only comments.
    return [insertLines(file, file.source.length, blockText(value, file.layout, quoteAll))];
  }
  // The entry to add (refusing a missing list index on the way), and its value.
  const entry = nested(file, keys, missingAt, value);
  const key = String(keys[missingAt]);
  const rest = nested(file, keys, missingAt + 1, value);
  if (parent === undefined) return [insertLines(file, file.source.length, pairText(key, rest, file.layout, quoteAll))];
  const here = keys.slice(0, missingAt);
  if (!isMap(parent)) return replaceNode(file, here, { found: true, node: parent, parent: grandparent, index }, entry, quoteAll);
  checkEditable(file, here, parent);
  if (parent.flow) {
    if (parent.items.length === 0) {
      if (isEmptyFlowUnderKey(file, parent, grandparent)) return replaceNode(file, here, { found: true, node: parent, parent: grandparent, index }, entry, quoteAll);
      return [{ start: parent.range![1] - 1, end: parent.range![1] - 1, text: `${inlineScalar(key, undefined, true)}: ${flowText(rest, quoteAll)}` }];
    }
    const last = parent.items.at(-1)!;
    const end = ((last.value as Node | null) ?? (last.key as Node)).range![1];
    return [{ start: end, end, text: `, ${inlineScalar(key, undefined, true)}: ${flowText(rest, quoteAll)}` }];
  }
  const last = parent.items.at(-1)!;
  const end = ((last.value as Node | null) ?? (last.key as Node)).range![1];
  const pad = ' '.repeat(keyColumn(file, parent, 0));
  return [insertLines(file, afterLine(file.source, end), indent(pairText(key, rest, file.layout, quoteAll), pad))];
}

/** Splices that put `value` at `keys`, wherever the path stops. */
export function replaceValue(file: YamlFile, keys: KeyPath, location: Location, value: Data, quoteAll: boolean): Splice[] {
  return location.found ? replaceNode(file, keys, location, value, quoteAll) : writeMissing(file, keys, location, value, quoteAll);
}
