/**
 * The local GitHub is a dev tool: nothing that ships (src/, functions/) may import it
 * (DESIGN.md, "Parts and their rooms"). That it binds loopback only is in persistence.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|js|mjs|astro|mdx)$/.test(name) ? [path] : [];
  });
}

describe('boundaries', () => {
  it('is never imported by src/ or functions/', () => {
    const offenders = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'functions'))].filter((file) =>
      /from\s+['"][^'"]*tools\/local-github|import\(\s*['"][^'"]*tools\/local-github/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

});
