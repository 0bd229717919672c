import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countWords, generateDocs, renderDocs } from '../../tools/generate-docs.ts';

const pages = renderDocs({ count: 250, seed: 7 });

describe('renderDocs', () => {
  it('gives the same bytes for the same seed, and other pages for another seed', () => {
    expect(renderDocs({ count: 250, seed: 7 })).toEqual(pages);
    expect(renderDocs({ count: 250, seed: 8 }).map((p) => p.text)).not.toEqual(pages.map((p) => p.text));
  });

  it('renders a page the same whatever the count, except for the pages it may link to', () => {
    const withoutLinks = (text: string) => text.replace(/\]\(\/[^)]*\)/g, '](…)');
    const few = renderDocs({ count: 50, seed: 7 });
    expect(few.map((p) => withoutLinks(p.text))).toEqual(pages.slice(0, 50).map((p) => withoutLinks(p.text)));
  });

  it('links every page to 2–4 other generated pages that exist', () => {
    const hrefs = new Set(pages.map((p) => p.href));
    for (const page of pages) {
      const linked = [...page.text.matchAll(/\]\((\/[^)]*)\)/g)].map((m) => m[1]);
      expect(linked).toEqual(page.links);
      expect(new Set(linked).size).toBe(linked.length);
      expect(linked.length).toBeGreaterThanOrEqual(2);
      expect(linked.length).toBeLessThanOrEqual(4);
      for (const href of linked) {
        expect(hrefs.has(href!), `${page.id} links to ${href}`).toBe(true);
        expect(href).not.toBe(page.href);
      }
    }
  });

  it('writes pages of 600–1500 words with the parts of a real docs page', () => {
    for (const page of pages) {
      expect(page.words).toBeGreaterThanOrEqual(600);
      expect(page.words).toBeLessThanOrEqual(1500);
      expect(countWords(page.text.replace(/^---[\s\S]*?---/, ''))).toBe(page.words);
      expect(page.text).toMatch(/^---\ntitle: ".+"\ndescription: ".+"\n---\n/);
      expect(page.text.match(/^## /gm)?.length).toBeGreaterThanOrEqual(4);
      expect(page.text).toMatch(/^\| --- \|/m);
      expect(page.text).toMatch(/^(- |1\. )/m);
      const fences = [...page.text.matchAll(/^```(\w+)$/gm)].map((m) => m[1]);
      expect(fences.length).toBeGreaterThanOrEqual(2);
      for (const lang of fences) expect(['bash', 'yaml', 'sql', 'python']).toContain(lang);
    }
    expect(pages.some((p) => p.text.includes('\n### '))).toBe(true);
  });

  it('puts sectionSize pages in each section folder, numbered across the whole set', () => {
    expect(pages[0]!.id).toBe('generated-01/page-0001');
    expect(pages[99]!.id).toBe('generated-01/page-0100');
    expect(pages[100]!.id).toBe('generated-02/page-0101');
    expect(pages.at(-1)!.href).toBe('/generated-03/page-0250/');
    const custom = renderDocs({ count: 5, seed: 1, sectionSize: 2, sectionPrefix: 'bulk' });
    expect(custom.map((p) => p.id)).toEqual(['bulk-01/page-0001', 'bulk-01/page-0002', 'bulk-02/page-0003', 'bulk-02/page-0004', 'bulk-03/page-0005']);
  });
});

describe('generateDocs', () => {
  it('writes exactly the rendered pages to disk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'generate-docs-'));
    try {
      const written = await generateDocs({ dir, count: 120, seed: 3 });
      const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();
      expect(files).toEqual(written.map((p) => p.file).sort());
      for (const page of written) expect(await readFile(path.join(dir, page.file), 'utf-8')).toBe(page.text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
