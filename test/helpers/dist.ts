import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { BASICS } from './fixtures.ts';

export const DIST = path.join(BASICS, 'dist');

/** Every built HTML file, as a site path (`/guides/x/`) and its parsed document. */
export async function builtPages(dist = DIST): Promise<Map<string, HTMLElement>> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html'));
  const pages = new Map<string, HTMLElement>();
  for (const file of files) {
    const sitePath = `/${file.replace(/index\.html$/, '').replace(/\\/g, '/')}`;
    pages.set(sitePath, parse(await readFile(path.join(dist, file), 'utf-8')));
  }
  return pages;
}

export async function builtPage(sitePath: string, dist = DIST): Promise<HTMLElement> {
  const file = sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath;
  return parse(await readFile(path.join(dist, file), 'utf-8'));
}
