/**
 * Adding an item to a list in a YAML file, and removing one, keeping every other byte.
 */
import { isAlias, isMap, isNode, isScalar, isSeq, type CST, type Node, type YAMLSeq } from 'yaml';
import type { FileContent } from '../requests/types.ts';
import { editedAt, sameData, toData, type Data } from './data.ts';
import { refuse, showPath, type KeyPath } from './refusals.ts';
import { blockText, flowText, indent } from './render.ts';
import { firstThatReadsBack, insertLines, type Splice } from './splices.ts';
import { colonOf, replaceValue } from './value-edits.ts';
import { afterLine, checkEditable, columnOf, lineStart, locate, readYaml, type Collection, type FileState, type YamlFile } from './yaml-file.ts';

/**
 * Which item to remove: its index, the text it is (`'@sam-osei'`), the fields it has
 * (`{ name: 'orders' }`: a map with those values), or a test of the item as read.
 */
export type ItemMatch = number | string | Readonly<Record<string, unknown>> | ((item: unknown, index: number) => boolean);

/** The dash of a block list's item and the spaces after it, from the list's source tokens. */
function dashOf(seq: YAMLSeq<unknown>, index: number): { dash: number; gap: number } {
  const item = (seq.srcToken as CST.BlockSequence).items[index]!;
  const dash = item.start.find((token) => token.type === 'seq-item-ind')!.offset;
  const value = item.value;
  const sameLine = value !== undefined && !item.start.some((token) => token.type === 'newline' && token.offset > dash);
  return { dash, gap: sameLine && value ? value.offset - dash - 1 : 1 };
}

function listAt(file: YamlFile, keys: KeyPath, node: Node): YAMLSeq<unknown> {
  checkEditable(file, keys, node);
  if (isSeq(node)) return node as YAMLSeq<unknown>;
  const what = isMap(node) ? 'a map' : 'a single value';
  throw refuse('unprocessable', file.path, keys, `${showPath(keys)} in ${file.path} is ${what}, not a list.`, `is ${what}, not a list`);
}

function appendSplices(file: YamlFile, keys: KeyPath, seq: YAMLSeq<unknown>, parent: Collection | undefined, index: number, item: Data, quoteAll: boolean): Splice[] {
  checkEditable(file, keys, seq);
  const items = seq.items as (Node | null)[];
  const range = seq.range!;
  if (seq.flow) {
    if (items.length === 0) {
      // `key: []` becomes a block list under the key; `[]` elsewhere takes the item inside.
      if (isMap(parent) && !parent.flow && file.source.slice(range[0], range[1]) === '[]') {
        return replaceValue(file, keys, { found: true, node: seq, parent, index }, [item], quoteAll);
      }
      return [{ start: range[1] - 1, end: range[1] - 1, text: flowText(item, quoteAll) }];
    }
    const end = lastEnd(items);
    return [{ start: end, end, text: `, ${flowText(item, quoteAll)}` }];
  }
  const { dash, gap } = dashOf(seq, items.length - 1);
  const column = columnOf(file.source, dash);
  const lines = indent(blockText(item, file.layout, quoteAll), ' '.repeat(column + 1 + gap), `${' '.repeat(column)}-${' '.repeat(gap)}`);
  return [insertLines(file, afterLine(file.source, lastEnd(items)), lines)];
}

function lastEnd(items: readonly (Node | null | unknown)[]): number {
  const last = items.at(-1);
  if (!isNode(last) || !last.range) throw new TypeError('a list item without a place in the source');
  return last.range[1];
}

/**
 * Appends `item` to the list at `keys`, with the list's indentation and dash spacing (block lists)
 * or after a comma (flow lists). Where there is no list (a missing key, `key:`, `key: []`), the
 * list is made as a block under its key. The item may be a scalar, a map or a list.
 */
export function addListItem(file: FileState, keys: KeyPath, item: unknown): FileContent {
  const data = toData(item);
  const yaml = readYaml(file, keys);
  const location = locate(yaml, keys);
  const expected = editedAt(yaml.data, keys, (list) => [...(Array.isArray(list) ? list : []), data]);
  const attempt = (quoteAll: boolean) => () => {
    if (!location.found || (isScalar(location.node) && location.node.value === null)) return replaceValue(yaml, keys, location, [data], quoteAll);
    return appendSplices(yaml, keys, listAt(yaml, keys, location.node), location.parent, location.index, data, quoteAll);
  };
  const content = firstThatReadsBack(yaml, `adding an item to ${showPath(keys)}`, expected, [attempt(false), attempt(true)]);
  return { path: file.path, content, previousSha: file.previousSha };
}

function matches(match: ItemMatch, item: unknown, index: number): boolean {
  if (typeof match === 'number') return index === match;
  if (typeof match === 'function') return match(item, index);
  if (typeof match === 'string') return item === match;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const fields = item as Record<string, unknown>;
  return Object.keys(match).every((key) => Object.hasOwn(fields, key) && sameData(fields[key], toData(match[key])));
}

function removeSplices(file: YamlFile, keys: KeyPath, seq: YAMLSeq<unknown>, parent: Collection | undefined, index: number, at: number): Splice[] {
  checkEditable(file, keys, seq);
  const item = seq.items[at];
  if (!isNode(item) || !item.range) throw refuse('unprocessable', file.path, [...keys, at], `${showPath([...keys, at])} in ${file.path} is written in a form the portal does not remove; change it by hand.`, 'is a `key: value` entry inside a flow list');
  // Removing an alias leaves its anchor as it is; removing an anchored item would orphan its aliases.
  if (!isAlias(item)) checkEditable(file, [...keys, at], item, { inside: true });
  const { source } = file;
  const byHand = (why: string) => refuse('unprocessable', file.path, [...keys, at], `${showPath([...keys, at])} cannot be removed from ${file.path} without touching other text; change it by hand.`, why);
  if (seq.flow) {
    const items = seq.items as Node[];
    const [start, end] = item.range;
    if (items.length === 1) return [{ start, end, text: '' }];
    // The item and one comma: the one after it, or before it for the last item.
    const [from, to] = at < items.length - 1 ? [start, items[at + 1]!.range![0]] : [items[at - 1]!.range![1], end];
    const between = at < items.length - 1 ? source.slice(end, to) : source.slice(from, start);
    if (!/^\s*,\s*$/.test(between)) throw byHand('a comment, anchor or tag sits next to it in the flow list');
    return [{ start: from, end: to, text: '' }];
  }
  const { dash } = dashOf(seq, at);
  const from = lineStart(source, dash);
  if (source.slice(from, dash).trim() !== '') throw byHand('its dash shares a line with other text');
  const lines = { start: from, end: afterLine(source, item.range[1]), text: '' };
  if (seq.items.length > 1) return [lines];
  // The last item: the list stays, empty, as `[]` (a key with nothing after it would read as null).
  if (isMap(parent) && !parent.flow) {
    const colon = colonOf(parent, index);
    if (colon === undefined) throw byHand('the list is the last item and its key has no `:`');
    return [{ start: colon + 1, end: colon + 1, text: ' []' }, lines];
  }
  if (parent === undefined) return [{ ...lines, text: `[]${lines.end > 0 && source[lines.end - 1] === '\n' ? file.eol : ''}` }];
  throw byHand('it is the only item of a list inside a list');
}

/**
 * Removes the one item of the list at `keys` that `match` names: its lines (block lists: from its
 * dash to the end of its last line, comments within it and on its lines included) or its text and
 * one comma (flow lists). Comment lines above the item stay: they may be about the list, and the
 * reviewer sees them in the diff. The last item leaves `key: []`. Refuses no match, several, and
 * items that aliases elsewhere depend on.
 */
export function removeListItem(file: FileState, keys: KeyPath, match: ItemMatch): FileContent {
  const yaml = readYaml(file, keys);
  const location = locate(yaml, keys);
  if (!location.found) throw refuse('not-found', file.path, keys, `${file.path} has no ${showPath(keys)}.`, 'there is no such list');
  const seq = listAt(yaml, keys, location.node);
  const list = seq.toJS(yaml.doc, { maxAliasCount: 1000 }) as unknown[];
  const found = list.flatMap((item, i) => (matches(match, item, i) ? [i] : []));
  if (found.length === 0) throw refuse('not-found', file.path, keys, `No item of ${showPath(keys)} in ${file.path} matches; nothing to remove.`, 'no item matches');
  if (found.length > 1) throw refuse('unprocessable', file.path, keys, `${found.length} items of ${showPath(keys)} in ${file.path} match; name one.`, `items ${found.join(', ')} match`);
  const at = found[0]!;
  const expected = editedAt(yaml.data, keys, (current) => (current as unknown[]).filter((_, i) => i !== at));
  const content = firstThatReadsBack(yaml, `removing ${showPath([...keys, at])}`, expected, [() => removeSplices(yaml, keys, seq, location.parent, location.index, at)]);
  return { path: file.path, content, previousSha: file.previousSha };
}
