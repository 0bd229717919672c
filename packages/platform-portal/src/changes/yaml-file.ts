/**
 * A YAML file as the builders edit it: its source text, the parsed document with each node's
 * place in that text (`keepSourceTokens`), the file's own line ending and indentation, and the
 * anchors some alias uses. A builder finds the node a key path names here, then splices the text.
 */
import { isAlias, isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { refuse, showPath, type KeyPath } from './refusals.ts';

/**
 * A file as the builders take it: as the base branch has it (`fileIn`), or as an earlier builder
 * left it (a FileChange is one), so that several edits of one file chain. No content: missing.
 */
export interface FileState {
  path: string;
  content?: string | null | undefined;
  /** The blob the change replaces: the base branch's, carried through every edit. */
  previousSha?: string | undefined;
}

/** How the file indents: spaces per level, and whether a list under a key is indented (`key:\n  - a`) or not (`key:\n- a`). */
export interface Layout {
  step: number;
  indentSeq: boolean;
}

export interface YamlFile {
  path: string;
  source: string;
  doc: Document.Parsed;
  /** The document as data, before the edit. */
  data: unknown;
  /** The file's line ending: CRLF when its first line ends so. */
  eol: string;
  layout: Layout;
  /** Anchors that some alias refers to: editing such a node would change the aliases too. */
  aliased: ReadonlySet<string>;
}

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/** Where a key path leads: the node there, or the first step that is missing and the node it is missing from. */
export type Location =
  | { found: true; node: Node; parent: Collection | undefined; index: number }
  /** `parent` undefined: the document is empty. A null scalar (`key:`) or a map is where the missing key goes. */
  | { found: false; missingAt: number; parent: Node | undefined; grandparent: Collection | undefined; index: number };

const firstLine = (message: string) => message.split('\n')[0]!;

export function readYaml(file: FileState, keys: KeyPath): YamlFile {
  const { path, content } = file;
  if (typeof content !== 'string') throw refuse('not-found', path, keys, `${path} does not exist.`, 'the file does not exist on the base branch');
  const doc = parseDocument(content, { keepSourceTokens: true });
  if (doc.errors.some((e) => e.code === 'MULTIPLE_DOCS')) {
    throw refuse('unprocessable', path, [], `${path} holds several YAML documents; the portal changes only files that hold one.`, 'the file holds several YAML documents (---); change it by hand');
  }
  const invalid = (reason: string) => refuse('unprocessable', path, [], `${path} on the base branch is not valid YAML; fix it first.`, reason);
  if (doc.errors.length > 0) throw invalid(firstLine(doc.errors[0]!.message));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // An alias before its anchor, or aliases that expand without end ("billion laughs").
    throw invalid(firstLine((error as Error).message));
  }
  const aliased = new Set<string>();
  visit(doc, { Alias: (_, alias) => void aliased.add(alias.source) });
  return { path, source: content, doc, data, eol: /^[^\n]*\r\n/.test(content) ? '\r\n' : '\n', layout: layoutOf(doc, content), aliased };
}

/** Column of an offset: characters since the line began. */
export function columnOf(source: string, offset: number): number {
  return offset - lineStart(source, offset);
}

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Where the next entry goes after a node ending at `end`: past the end of its last line (a same-line comment stays with it). */
export function afterLine(source: string, end: number): number {
  if (end > 0 && source[end - 1] === '\n') return end;
  const newline = source.indexOf('\n', end);
  return newline === -1 ? source.length : newline + 1;
}

/** Indentation of the file: from its first nested block map, and its first block list under a key; 2 and indented otherwise. */
function layoutOf(doc: Document.Parsed, source: string): Layout {
  let step: number | undefined;
  let indentSeq: boolean | undefined;
  visit(doc, {
    Pair(_, pair, path) {
      const parent = path.at(-1);
      if (!isMap(parent) || parent.flow || !isScalar(pair.key) || !pair.key.range) return;
      const keyColumn = columnOf(source, pair.key.range[0]);
      const value = pair.value;
      if (step === undefined && isMap(value) && !value.flow && isScalar(value.items[0]?.key) && value.items[0].key.range) {
        step = columnOf(source, value.items[0].key.range[0]) - keyColumn;
      }
      if (indentSeq === undefined && isSeq(value) && !value.flow && value.range) indentSeq = columnOf(source, value.range[0]) > keyColumn;
      return step !== undefined && indentSeq !== undefined ? visit.BREAK : undefined;
    },
  });
  return { step: step !== undefined && step > 0 ? step : 2, indentSeq: indentSeq ?? true };
}

/** Refuses a node whose change would reach further than its own place in the file. */
export function checkEditable(file: YamlFile, keys: KeyPath, node: Node | null | undefined, { inside = false } = {}): void {
  if (!node) return;
  const at = showPath(keys);
  if (isAlias(node)) {
    throw refuse('unprocessable', file.path, keys, `${at} in ${file.path} is an alias (*${node.source}); change it by hand.`, `is an alias of &${node.source}: changing it here would change what the anchor holds, or cut it loose`);
  }
  if (node.anchor && file.aliased.has(node.anchor)) {
    throw refuse('unprocessable', file.path, keys, `${at} in ${file.path} is anchored as &${node.anchor} and used elsewhere; change it by hand.`, `has the anchor &${node.anchor}, which aliases elsewhere in the file repeat: a change here would change them too`);
  }
  if (inside && isCollection(node)) {
    // Replacing or removing a whole map or list: no anchor inside may be used elsewhere either.
    visit(node, {
      Node(_, inner) {
        if (inner.anchor && file.aliased.has(inner.anchor)) {
          throw refuse('unprocessable', file.path, keys, `${at} in ${file.path} holds the anchor &${inner.anchor}, used elsewhere; change it by hand.`, `holds the anchor &${inner.anchor}, which aliases elsewhere in the file repeat`);
        }
      },
    });
  }
}

function describeNode(node: Node): string {
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  if (!isScalar(node)) return 'an alias';
  const text = JSON.stringify(node.value) ?? String(node.value);
  return `the value ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}

/** Whether a map's key is the step: a key written `1` is the step 1 or "1". */
function keyIs(key: unknown, step: string | number): boolean {
  return isScalar(key) && key.value !== null && typeof key.value !== 'object' && String(key.value) === String(step);
}

/** Follows a key path through maps (keys) and lists (indexes), refusing aliases and anchors on the way. */
export function locate(file: YamlFile, keys: KeyPath): Location {
  let node = file.doc.contents as Node | null;
  let parent: Collection | undefined;
  let index = -1;
  for (let i = 0; i < keys.length; i++) {
    const step = keys[i]!;
    const here = keys.slice(0, i);
    if (node === null) return { found: false, missingAt: i, parent: undefined, grandparent: undefined, index: -1 };
    checkEditable(file, here, node);
    if (isScalar(node) && node.value === null) return { found: false, missingAt: i, parent: node, grandparent: parent, index };
    if (isMap(node)) {
      const at = node.items.findIndex((pair) => keyIs(pair.key, step));
      if (at === -1) return { found: false, missingAt: i, parent: node, grandparent: parent, index };
      [parent, index, node] = [node, at, node.items[at]!.value as Node | null];
      // `key:` with nothing after it is read as a null scalar; an explicit `? key` without a value is not.
      if (node === null) throw refuse('unprocessable', file.path, keys.slice(0, i + 1), `${showPath(keys.slice(0, i + 1))} in ${file.path} is written in a form the portal does not change; change it by hand.`, 'is an explicit key (?) without a value');
      continue;
    }
    if (isSeq(node) && typeof step === 'number') {
      if (!Number.isInteger(step) || step < 0 || step >= node.items.length) {
        throw refuse('not-found', file.path, keys.slice(0, i + 1), `${file.path} has no item ${showPath(keys.slice(0, i + 1))}.`, `the list has ${node.items.length} item${node.items.length === 1 ? '' : 's'}`);
      }
      [parent, index, node] = [node, step, node.items[step] as Node];
      continue;
    }
    throw refuse('unprocessable', file.path, keys.slice(0, i + 1), `${showPath(keys.slice(0, i + 1))} cannot be set in ${file.path}: ${showPath(here)} is ${describeNode(node)}.`, `${showPath(here)} is ${describeNode(node)}, not ${typeof step === 'number' ? 'a list' : 'a map'}`);
  }
  if (node === null) return { found: false, missingAt: keys.length, parent: undefined, grandparent: undefined, index: -1 };
  return { found: true, node, parent, index };
}
