import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';

export interface LoadedScript {
  file: string;
  code: string;
}

const STATIC_IMPORT = /\bimport\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g;

/** The JavaScript a page loads up front: its module scripts and what they import statically. */
export async function scriptsOf(page: HTMLElement, dist: string): Promise<LoadedScript[]> {
  const queue = page
    .querySelectorAll('script[src]')
    .map((s) => s.getAttribute('src')!)
    .filter((src) => src.startsWith('/'));
  const inline = page
    .querySelectorAll('script:not([src])')
    .filter((s) => s.getAttribute('type') !== 'application/ld+json')
    .map((s) => ({ file: '(inline)', code: s.text }));
  const seen = new Set<string>();
  const loaded: LoadedScript[] = [...inline];
  for (const { code } of inline) for (const m of code.matchAll(STATIC_IMPORT)) queue.push(m[1]!);
  while (queue.length > 0) {
    const src = queue.shift()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const code = await readFile(path.join(dist, src), 'utf-8');
    loaded.push({ file: src, code });
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(path.posix.join(path.posix.dirname(src), m[1]!));
  }
  return loaded;
}
