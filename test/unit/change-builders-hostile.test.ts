/**
 * The change builders against hostile values, keys and files, and the invariant behind them all:
 * whatever the edit, every byte outside the edited node is the byte that was there, and the file
 * reads back as the data with exactly that edit.
 */
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parse, parseDocument, type Node } from 'yaml';
import { addFile, addListItem, ChangeNotApplied, removeListItem, setValue, type KeyPath } from '../../packages/platform-portal/src/changes/index.ts';
import { edited, refusal, TENANT, tenant, thrown } from '../helpers/change-builders.ts';

/** Text a request could carry into a file. */
const HOSTILE = [
  'line one\nline two',
  'ends with a break\n',
  'a # not a comment',
  'key: value',
  '- item',
  '*alias',
  '&anchor',
  '!!python/object:os.system',
  'NEL\u0085status: active',
  'LS\u2028status: active',
  'PS\u2029status: active',
  'tab\there',
  'cr\rhere',
  'crlf\r\nhere',
  '\ufeffbom',
  '"double" and \'single\' quotes',
  'back\\slash \\n',
  '',
  ' ',
  ' leading and trailing ',
  'yes',
  'Off',
  'null',
  '~',
  '0x1F',
  '1e3',
  '1_000',
  '12:30',
  '2025-02-17',
  '%YAML 1.1',
  '@someone',
  '`tick`',
  '{a: 1}',
  '[a, b]',
  '? q',
  '|',
  '>-',
  '---',
  '...',
  'ü 日本語 😀',
  '\u0000nul \u0007bel \u001besc',
  '\u007fdel \u0085 \u009fc1',
  'x'.repeat(5000),
  `${'word '.repeat(200)}\n${'more '.repeat(200)}`,
];

/** Characters never written raw: they break lines for YAML 1.1 readers, or are invisible. */
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

/** Where before and after differ: [start, end) in `before`, the rest identical byte for byte. */
function changedRegion(before: string, after: string): [number, number] {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return [p, before.length - s];
}

/** The text that took the place of the changed region. */
function written(before: string, after: string): string {
  const [start, end] = changedRegion(before, after);
  return after.slice(start, after.length - (before.length - end));
}

/** The lines a node spans, from the start of its first line to the end of its last. */
function linesOf(source: string, node: Node): [number, number] {
  const [start, , end] = node.range!;
  const from = source.lastIndexOf('\n', start - 1) + 1;
  const newline = source.indexOf('\n', Math.max(end - 1, start));
  return [from, newline === -1 ? source.length : newline + 1];
}

function nodeAt(source: string, keys: KeyPath): Node {
  return parseDocument(source).getIn(keys, true) as Node;
}

/** JSON text of the data: own keys (`__proto__` too), in order. */
const json = (value: unknown) => JSON.stringify(value);

/**
 * Every line of `before` outside [from, to) (offsets at line starts) is in `after`, in order, the
 * same byte for byte: the lines before the edited node's first line and after its last.
 */
function expectOnlyWithin(before: string, after: string, [from, to]: [number, number], label = ''): void {
  const lines = (text: string) => text.split(/(?<=\n)/);
  const [a, b] = [lines(before), lines(after)];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const lineOf = (offset: number) => lines(before.slice(0, offset)).filter((l) => l.endsWith('\n')).length;
  expect(head, `${label}: the lines before the edited node are kept`).toBeGreaterThanOrEqual(Math.min(lineOf(from), a.length - tail));
  expect(a.length - tail, `${label}: the lines after the edited node are kept`).toBeLessThanOrEqual(Math.max(lineOf(to), head));
}

describe('hostile values', () => {
  it.each(HOSTILE.map((value) => [JSON.stringify(value).slice(0, 40), value]))('%s: read back as written, in every kind of place, nothing raw that breaks a line', (_, value) => {
    const places: [KeyPath, (file: string) => string][] = [
      [['status'], (f) => setValue(tenant(f), ['status'], value).content],
      [['owners', 0], (f) => setValue(tenant(f), ['owners', 0], value).content],
      [['owners', 1], (f) => setValue(tenant(f), ['owners', 1], value).content],
      [['description'], (f) => setValue(tenant(f), ['description'], value).content],
      [['environments', 1], (f) => setValue(tenant(f), ['environments', 1], value).content],
      [['services', 'object-storage', 'buckets'], (f) => setValue(tenant(f), ['services', 'object-storage', 'buckets'], value).content],
    ];
    for (const [keys, edit] of places) {
      const after = edit(TENANT);
      const data = parse(TENANT);
      let target = data;
      for (const key of keys.slice(0, -1)) target = target[key];
      target[keys.at(-1)!] = value;
      expect(json(parse(after)), `at ${keys.join('.')}`).toBe(json(data));
      expectOnlyWithin(TENANT, after, linesOf(TENANT, nodeAt(TENANT, keys)));
      expect(written(TENANT, after)).not.toMatch(RAW_UNSAFE);
    }
    const added = [
      setValue(tenant(), ['services', 'new', 'note'], value).content,
      addListItem(tenant(), ['owners'], value).content,
      addListItem(tenant(), ['environments'], value).content,
      addListItem(tenant(), ['services', 'kafka', 'topics'], { name: value, partitions: 1 }).content,
    ];
    for (const after of added) {
      // Only added: the text before is all there, and what came in has nothing raw.
      const [start, end] = changedRegion(TENANT, after);
      expect(end - start).toBe(0);
      expect(written(TENANT, after)).not.toMatch(RAW_UNSAFE);
    }
    const file = addFile({ path: 'a.yaml' }, { value: { name: value, list: [value] }, comment: value }).content;
    expect(parse(file)).toEqual({ name: value, list: [value] });
    expect(file.replace(/^#.*\n/gm, '')).not.toMatch(RAW_UNSAFE);
  });

  it('keeps a very long string on one line', () => {
    const long = 'x '.repeat(3000).trim();
    const after = setValue(tenant(), ['status'], long).content;
    expect(after).toBe(edited(TENANT, 'status: active', `status: ${long}`));
  });

  it('escapes line breaks and controls in double quotes with YAML’s own escapes', () => {
    expect(setValue(tenant(), ['status'], 'a\u0085b\u2028c\u2029d\re\tf\u0000g\ufeffh').content).toBe(edited(TENANT, 'status: active', 'status: "a\\Nb\\Lc\\Pd\\re\\tf\\0g\\ufeffh"'));
  });

  it('takes keys like __proto__ and constructor as keys, reaching no prototype', () => {
    for (const key of ['__proto__', 'constructor', 'hasOwnProperty', 'a: b', '- x', '#', '', 'yes', 'NEL\u0085key', 'two\nlines']) {
      const after = setValue(tenant(), ['services', key, 'units'], 1).content;
      const services = parse(after).services as Record<string, unknown>;
      expect(Object.hasOwn(services, key), key).toBe(true);
      expect(Object.getOwnPropertyDescriptor(services, key)!.value, key).toEqual({ units: 1 });
      expect(({} as Record<string, unknown>).units).toBeUndefined();
      expect(after.slice(TENANT.length - '# end of file\n'.length)).not.toMatch(RAW_UNSAFE);
    }
    const added = addFile({ path: 'a.yaml' }, { value: JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') }).content;
    expect(added).toBe('__proto__:\n  polluted: true\nconstructor: 1\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('hostile files', () => {
  it('refuses to change an alias or an anchor other nodes repeat, and changes an anchor nobody uses', () => {
    const shared = 'base: &b {partitions: 1}\nkafka: *b\n';
    expect(refusal(() => setValue(tenant(shared), ['kafka', 'partitions'], 2)).message).toMatchInlineSnapshot(`"kafka in content/tenants/checkout.yaml is an alias (*b); change it by hand."`);
    expect(refusal(() => setValue(tenant(shared), ['base', 'partitions'], 2)).message).toMatchInlineSnapshot(`"base in content/tenants/checkout.yaml is anchored as &b and used elsewhere; change it by hand."`);
    expect(refusal(() => setValue(tenant('a: &x 1\nb: *x\n'), ['a'], 2)).kind).toBe('unprocessable');
    expect(refusal(() => setValue(tenant('a: {k: &x 1}\nb: *x\n'), ['a'], { k: 2 })).kind).toBe('unprocessable');
    expect(refusal(() => removeListItem(tenant('l: [&x a, b]\nm: *x\n'), ['l'], 0)).kind).toBe('unprocessable');
    expect(setValue(tenant('base: &b {partitions: 1}\n'), ['base', 'partitions'], 2).content).toBe('base: &b {partitions: 2}\n');
    expect(removeListItem(tenant('a: &x 1\nl:\n  - *x\n  - 2\n'), ['l'], 0).content).toBe('a: &x 1\nl:\n  - 2\n');
  });

  it('refuses aliases that expand without end', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)].join('\n');
    expect(refusal(() => setValue(tenant(laughs), ['z'], 1)).kind).toBe('unprocessable');
  });

  it('refuses a file of several documents, and edits one that starts with ---', () => {
    expect(refusal(() => setValue(tenant('a: 1\n---\na: 2\n'), ['a'], 3)).message).toMatchInlineSnapshot(`"content/tenants/checkout.yaml holds several YAML documents; the portal changes only files that hold one."`);
    expect(setValue(tenant('%YAML 1.2\n---\na: 1\n'), ['b'], 2).content).toBe('%YAML 1.2\n---\na: 1\nb: 2\n');
    expect(setValue(tenant('---\na: 1\n...\n'), ['b'], 2).content).toBe('---\na: 1\nb: 2\n...\n');
  });

  it('keeps CRLF line endings, in place and in new lines', () => {
    const crlf = TENANT.replaceAll('\n', '\r\n');
    const edits = [
      setValue(tenant(crlf), ['services', 'kafka', 'partitions'], 144).content,
      setValue(tenant(crlf), ['services', 'redis', 'memory_gb'], 4).content,
      setValue(tenant(crlf), ['description'], 'one\ntwo').content,
      addListItem(tenant(crlf), ['owners'], '@x').content,
      addListItem(tenant(crlf), ['services', 'kafka', 'topics'], { name: 'x', partitions: 1 }).content,
      removeListItem(tenant(crlf), ['owners'], 1).content,
    ];
    for (const after of edits) expect(after).not.toMatch(/[^\r]\n/);
    expect(edits[1]).toBe(edited(crlf, 'buckets: 6}\r\n', 'buckets: 6}\r\n  redis:\r\n    memory_gb: 4\r\n'));
    expect(parse(edits[2]!).description).toBe('one\ntwo');
  });

  it('keeps a file without a final line break without one', () => {
    expect(setValue(tenant('a: 1\nb: 2'), ['c'], 3).content).toBe('a: 1\nb: 2\nc: 3');
    expect(setValue(tenant('a: 1\nb: 2'), ['b'], 3).content).toBe('a: 1\nb: 3');
    expect(addListItem(tenant('l:\n  - a'), ['l'], 'b').content).toBe('l:\n  - a\n  - b');
    expect(removeListItem(tenant('l:\n  - a\n  - b'), ['l'], 1).content).toBe('l:\n  - a\n');
    expect(setValue(tenant('a: |\n  x'), ['a'], 'y').content).toBe('a: |-\n  y');
  });

  it('keeps tabs and comments around the value', () => {
    expect(setValue(tenant('a:\t1\t# one\nb: 2\n'), ['a'], 5).content).toBe('a:\t5\t# one\nb: 2\n');
    expect(setValue(tenant('l: [a, b]  # two\n'), ['l', 1], 'c').content).toBe('l: [a, c]  # two\n');
    expect(setValue(tenant('a: "x"  # q\n'), ['a'], 'y\nz').content).toBe('a: "y\\nz"  # q\n');
  });

  it('starts an empty file, or one of comments only', () => {
    expect(setValue(tenant(''), ['a'], 1).content).toBe('a: 1\n');
    expect(setValue(tenant('# nothing yet\n'), ['a', 'b'], 1).content).toBe('# nothing yet\na:\n  b: 1\n');
    expect(setValue(tenant('# no break'), ['a'], 1).content).toBe('# no break\na: 1');
    expect(refusal(() => setValue(tenant('just text\n'), ['a'], 1)).kind).toBe('unprocessable');
  });

  it('never returns text that does not read back: the builder stops first', () => {
    // A document end marker before the insertion point: the new key would start a second document.
    expect(thrown(() => setValue(tenant('# c\n...\n'), ['a'], 1))).toBeInstanceOf(ChangeNotApplied);
  });
});

/** mulberry32: a seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every node of the document with its key path. */
function nodes(source: string): { keys: KeyPath; node: Node }[] {
  const found: { keys: KeyPath; node: Node }[] = [];
  const walk = (node: unknown, keys: KeyPath) => {
    if (!node) return;
    found.push({ keys, node: node as Node });
    if (isMap(node)) for (const pair of node.items) walk(pair.value, [...keys, String((pair.key as { value: unknown }).value)]);
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...keys, i]));
  };
  walk(parseDocument(source).contents, []);
  return found;
}

describe('the invariant, on random edits', () => {
  const sources = { LF: TENANT, CRLF: TENANT.replaceAll('\n', '\r\n'), 'no final line break': TENANT.slice(0, -1) };
  it.each(Object.entries(sources))('%s: changes nothing outside the edited node, and the file reads back as the data with the edit', (name, source) => {
    const next = random(20_26);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
    const values: unknown[] = [...HOSTILE, 0, -1, 3.5, 1e21, true, false, null, ['a', 'b'], { name: 'x', n: 1 }];
    const all = nodes(source).filter(({ keys }) => keys.length > 0);
    let done = 0;
    for (let round = 0; round < 300; round++) {
      const { keys, node } = pick(all);
      const value = pick(values);
      const data = parse(source);
      let after: string;
      let label: string;
      if (isScalar(node) || (isSeq(node) && next() < 0.2)) {
        label = `round ${round}: set ${keys.join('.')} to ${JSON.stringify(value).slice(0, 30)}`;
        after = setValue(tenant(source), keys, isScalar(node) ? value : [value]).content;
        setIn(data, keys, isScalar(node) ? value : [value]);
      } else if (isMap(node)) {
        const key = pick(['new', '__proto__', 'constructor', 'a: b', 'yes', `k${round}`]);
        label = `round ${round}: add ${key} to ${keys.join('.')}`;
        if (Object.hasOwn(getIn(data, keys), key)) continue;
        after = setValue(tenant(source), [...keys, key], value).content;
        setIn(data, [...keys, key], value);
      } else if (isSeq(node) && (next() < 0.5 || node.items.length < 2)) {
        label = `round ${round}: add ${JSON.stringify(value).slice(0, 30)} to ${keys.join('.')}`;
        after = addListItem(tenant(source), keys, value).content;
        getIn(data, keys).push(value);
      } else if (isSeq(node)) {
        const index = Math.floor(next() * node.items.length);
        label = `round ${round}: remove ${keys.join('.')}[${index}]`;
        after = removeListItem(tenant(source), keys, index).content;
        getIn(data, keys).splice(index, 1);
      } else {
        continue;
      }
      done++;
      const within = linesOf(source, node);
      expect(json(parse(after)), label).toBe(json(data));
      expectOnlyWithin(source, after, within, label);
      if (name === 'CRLF') expect(after, label).not.toMatch(/[^\r]\n/);
    }
    expect(done).toBeGreaterThan(250);
  });

  it('takes back an added item exactly: add, then remove it, gives the file it started from', () => {
    for (const value of HOSTILE) {
      for (const keys of [['owners'], ['environments'], ['services', 'kafka', 'topics']] as KeyPath[]) {
        const added = addListItem(tenant(), keys, value);
        const count = getIn(parse(TENANT), keys).length;
        expect(removeListItem(added, keys, count).content).toBe(TENANT);
      }
    }
  });
});

function getIn(data: any, keys: KeyPath): any {
  return keys.reduce((value, key) => value[key], data);
}

function setIn(data: any, keys: KeyPath, value: unknown): void {
  const parent = getIn(data, keys.slice(0, -1));
  Object.defineProperty(parent, keys.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}
