/**
 * The content of a site read straight from its files, as Astro's glob loader reads them, for
 * checks that run without a build (`platform-portal check`, and a build before it starts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { CONTENT_KINDS, type ContentKind } from '../collections/layout.ts';
import type { Problem } from '../lib/problems.ts';

export interface RawEntry {
  kind: ContentKind;
  /** The id Astro gives the entry: its path in the kind's folder, without the extension. */
  id: string;
  /** From the site's root, e.g. content/tenants/acme.yaml. */
  file: string;
  data: unknown;
  /** The file's text, for checks on how it is written (a value a YAML comment cut short). */
  source: string;
}

/** Glob patterns of the layout (`*.yaml`, `**\/[^_]*.{md,mdx}`, `*\/*.yaml`) as a test of a path in the folder. */
export function layoutMatcher(pattern: string): RegExp {
  const source = pattern
    // Only what the layout's patterns use: `.`, `*`, `**/`, `{a,b}` and a class like `[^_]`.
    .replace(/[.+$()|\\]/g, '\\$&')
    .replace(/\{([^}]+)\}/g, (_m, list: string) => `(?:${list.split(',').join('|')})`)
    .replace(/\*\*\//g, '(?:.*/)?')
    .replace(/\*/g, '[^/]*');
  return new RegExp(`^${source}$`);
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}

/** Astro's default id: each segment of the path without its extension, as a URL slug. */
function entryId(relative: string): string {
  return relative
    .replace(/\.[^./]+$/, '')
    .split('/')
    .map((segment) => segment.toLowerCase().replace(/\s+/g, '-').replace(/[^\p{L}\p{N}_-]/gu, ''))
    .join('/');
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

function parse(format: 'markdown' | 'yaml' | 'json', source: string): unknown {
  if (format === 'json') return JSON.parse(source);
  // YAML 1.1, as Astro reads frontmatter and data files: an unquoted date is a date.
  if (format === 'yaml') return parseYaml(source, { version: '1.1' }) ?? {};
  const frontmatter = FRONTMATTER.exec(source)?.[1];
  return frontmatter === undefined ? {} : (parseYaml(frontmatter, { version: '1.1' }) ?? {});
}

function syntaxProblem(file: string, error: unknown): Problem {
  if (error instanceof YAMLParseError) {
    const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [undefined, undefined];
    const where = line === undefined ? '' : ` at line ${line}, column ${column}`;
    return { file, path: '', message: `is not valid YAML${where}: ${error.message.split('\n')[0]}; fix the syntax (quote a value with a colon or a leading special character)` };
  }
  return { file, path: '', message: `cannot be read: ${error instanceof Error ? error.message : String(error)}; fix the syntax` };
}

/** Every file of every kind under the site's content folder, parsed; a file that does not parse is a problem. */
export function readContent(root: string, contentDir: string): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  for (const [kind, layout] of Object.entries(CONTENT_KINDS) as [ContentKind, (typeof CONTENT_KINDS)[ContentKind]][]) {
    const folder = path.join(root, contentDir, layout.folder);
    const matches = layoutMatcher(layout.pattern);
    for (const relative of filesIn(folder).filter((f) => matches.test(f)).sort()) {
      const file = path.posix.join(contentDir.split(path.sep).join('/'), layout.folder, relative);
      const source = readFileSync(path.join(folder, relative), 'utf-8');
      try {
        entries.push({ kind, id: entryId(relative), file, data: parse(layout.format, source), source });
      } catch (error) {
        problems.push(syntaxProblem(file, error));
      }
    }
  }
  return { entries, problems };
}
