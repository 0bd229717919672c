/**
 * What each source file imports, read from the text alone (nothing is built or run): the checker
 * behind test/architecture/import-rules.test.ts, which enforces the import rules of
 * packages/platform-portal/ARCHITECTURE.md.
 *
 * Comments are dropped and string literals blanked before the import patterns run, so an import
 * written in a comment (a usage example) or inside a string (a file the CLI writes) is not one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ImportKind = 'static' | 'export' | 'side-effect' | 'dynamic' | 'dynamic-expression' | 'file-url' | 'package-dir';

export interface Import {
  /** The specifier as written; for `dynamic-expression`, the argument's source text. */
  specifier: string;
  kind: ImportKind;
  line: number;
  /** For a relative specifier: the path it names, relative to the repository root (posix). */
  resolved?: string | undefined;
  /** `import type …` or `export type … from`: erased when compiled, so never loaded. */
  typeOnly?: boolean;
}

export interface SourceFile {
  /** Relative to the repository root, with `/`. */
  path: string;
  text: string;
}

export interface ParsedFile {
  path: string;
  imports: Import[];
}

/** The code of a file with comments and the contents of string literals replaced by spaces (lengths and lines kept). */
interface Lexed {
  code: string;
  /** Each plain string literal (quotes, or a template without `${}`), by the offset of its opening quote. */
  literals: Map<number, string>;
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);
const BEFORE_REGEX_CHARS = '(,=:[!&|?{};+-*%<>~^';

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/**
 * A small lexer for JavaScript and TypeScript: enough to tell code from comments, strings,
 * templates and regular expressions. Quoted strings and regular expressions end at a line break,
 * so a stray apostrophe in JSX text spoils one line at most.
 */
export function lex(source: string): Lexed {
  let out = '';
  const literals = new Map<number, string>();
  /** Open template literals: the brace depth inside each `${` expression. */
  const templates: number[] = [];
  let i = 0;
  const n = source.length;

  const previousSignificant = (): string => {
    const trimmed = out.trimEnd();
    const word = /([A-Za-z_$][\w$]*)$/.exec(trimmed)?.[1];
    return word ?? trimmed.slice(-1);
  };

  /** Reads a template's text from `i` (after the backtick or a closing `}`) to its end or a `${`. */
  const templateText = (start: number): { text: string; end: 'close' | 'expr' } => {
    let text = '';
    while (i < n) {
      const c = source[i]!;
      if (c === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '`') {
        i++;
        out += blank(source.slice(start, i - 1)) + '`';
        return { text, end: 'close' };
      }
      if (c === '$' && source[i + 1] === '{') {
        i += 2;
        out += blank(source.slice(start, i - 2)) + '${';
        return { text, end: 'expr' };
      }
      text += c;
      i++;
    }
    out += blank(source.slice(start));
    return { text, end: 'close' };
  };

  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += blank(source.slice(i, stop));
      i = stop;
    } else if (c === "'" || c === '"') {
      const start = i++;
      let value = '';
      while (i < n && source[i] !== c && source[i] !== '\n') {
        if (source[i] === '\\') {
          value += source[i + 1] ?? '';
          i += 2;
        } else value += source[i++];
      }
      const closed = source[i] === c;
      if (closed) i++;
      literals.set(start, value);
      out += c + blank(source.slice(start + 1, closed ? i - 1 : i)) + (closed ? c : '');
    } else if (c === '`') {
      const start = i++;
      out += '`';
      const { text, end } = templateText(i);
      if (end === 'close') literals.set(start, text);
      else templates.push(0);
    } else if (c === '{' && templates.length > 0) {
      templates[templates.length - 1]!++;
      out += c;
      i++;
    } else if (c === '}' && templates.length > 0 && templates[templates.length - 1] === 0) {
      templates.pop();
      out += '}';
      i++;
      const { end } = templateText(i);
      if (end === 'expr') templates.push(0);
    } else if (c === '}' && templates.length > 0) {
      templates[templates.length - 1]!--;
      out += c;
      i++;
    } else if (c === '/' && (BEFORE_REGEX_WORDS.has(previousSignificant()) || BEFORE_REGEX_CHARS.includes(previousSignificant()) || out.trim() === '')) {
      const start = i++;
      let inClass = false;
      while (i < n && source[i] !== '\n') {
        const r = source[i]!;
        if (r === '\\') i += 2;
        else {
          i++;
          if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
        }
      }
      out += '/' + blank(source.slice(start + 1, i));
    } else {
      out += c;
      i++;
    }
  }
  return { code: out, literals };
}

/** The parts of a file that hold code: all of a script; an Astro component's frontmatter and its <script> blocks. */
export function codeParts(file: SourceFile): string {
  if (!file.path.endsWith('.astro')) return file.text;
  const lines = file.text.split('\n');
  const first = lines.findIndex((line) => line.trim() === '---');
  const second = first === -1 ? -1 : lines.findIndex((line, index) => index > first && line.trim() === '---');
  // Lines outside the code are kept as empty lines, so that line numbers stay those of the file.
  const kept = lines.map((line, index) => (first !== -1 && second !== -1 && index > first && index < second ? line : ''));
  const template = second === -1 ? file.text : lines.slice(second + 1).join('\n');
  const offset = second === -1 ? 0 : second + 1;
  for (const match of template.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const startLine = offset + template.slice(0, match.index + match[0].indexOf('>') + 1).split('\n').length - 1;
    match[1]!.split('\n').forEach((line, index) => {
      kept[startLine + index] = line;
    });
  }
  return kept.join('\n');
}

const QUOTED = String.raw`(['"\x60])[ ]*\1`;
const PATTERNS: { kind: ImportKind; pattern: RegExp }[] = [
  // import x from '…', import { a, type b } from '…', import * as x from '…', import type { … } from '…'
  { kind: 'static', pattern: new RegExp(String.raw`(?<![\w$.])import\s+(?:type\s+)?[\w$*{},\s]+?\s*from\s*${QUOTED}`, 'gd') },
  // export { a } from '…', export * from '…', export * as x from '…', export type { … } from '…'
  { kind: 'export', pattern: new RegExp(String.raw`(?<![\w$.])export\s+(?:type\s+)?(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*${QUOTED}`, 'gd') },
  // import '…'
  { kind: 'side-effect', pattern: new RegExp(String.raw`(?<![\w$.])import\s*${QUOTED}`, 'gd') },
  // import('…'), also import('…') in a type
  { kind: 'dynamic', pattern: new RegExp(String.raw`(?<![\w$.])import\s*\(\s*${QUOTED}\s*[,)]`, 'gd') },
  // new URL('…', import.meta.url): a file of the package loaded by path (a worker, a route folder, JSON)
  { kind: 'file-url', pattern: new RegExp(String.raw`new\s+URL\s*\(\s*${QUOTED}\s*,\s*import\.meta\.url\s*\)`, 'gd') },
  // resolve('astro/package.json'): a package's folder found, to load its files by path
  { kind: 'package-dir', pattern: new RegExp(String.raw`(?<![\w$])resolve\s*\(\s*${QUOTED}\s*\)`, 'gd') },
];

/** Where a relative specifier of `from` points, relative to the repository root; undefined for a bare one. */
export function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
}

/** The closing parenthesis of the call whose opening one is at `open`, in lexed code. */
function closingParen(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return code.length;
}

/** Every import of a file, in the order they appear. */
export function parseImports(file: SourceFile): Import[] {
  const source = codeParts(file);
  const { code, literals } = lex(source);
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
  const found: (Import & { at: number })[] = [];
  const taken = new Set<number>();
  for (const { kind, pattern } of PATTERNS) {
    for (const match of code.matchAll(pattern)) {
      const opening = match.indices![1]![0];
      const specifier = literals.get(opening);
      if (specifier === undefined || taken.has(opening)) continue;
      taken.add(opening);
      const typeOnly = /^(?:import|export)\s+type\s/.test(match[0]);
      found.push({ specifier, kind, line: lineOf(match.index), resolved: resolveSpecifier(file.path, specifier), typeOnly, at: match.index });
    }
  }
  // import(…) of anything but a plain string: kept with its source text, for rules on what it builds.
  for (const match of code.matchAll(/(?<![\w$.])import\s*\(/g)) {
    const open = match.index + match[0].length - 1;
    const afterParen = code.slice(open + 1).trimStart();
    const literalStart = open + 1 + (code.slice(open + 1).length - afterParen.length);
    if (literals.has(literalStart) && /^(['"`])[ ]*\1\s*[,)]/.test(afterParen)) continue;
    const close = closingParen(code, open);
    found.push({ specifier: source.slice(open + 1, close).trim(), kind: 'dynamic-expression', line: lineOf(match.index), at: match.index });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...rest }) => rest);
}

/** The package a bare specifier names (`@scope/name` or `name`), and the subpath after it. */
export function packageOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, count).join('/'), subpath: parts.slice(count).join('/') };
}

export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js', '.astro'];
/** Folders never read: installed packages, build output, caches and scratch space. */
const SKIPPED = new Set(['node_modules', 'dist', '.astro', '.local', '.wrangler', '.tmp', '.git']);

/** The source files under `dir` (relative to `root`), recursively. */
export function sourceFilesUnder(root: string, dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFilesUnder(root, rel);
    return SOURCE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) ? [rel] : [];
  });
}

export function readSources(root: string, paths: string[]): SourceFile[] {
  return paths.map((p) => ({ path: p, text: readFileSync(path.join(root, p), 'utf-8') }));
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
}

/** `file:line → import`, one per line: what a failed rule prints. */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.file}:${v.line} → ${v.specifier}`).join('\n');
}
