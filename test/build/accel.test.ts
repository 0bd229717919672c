import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFile, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { generateDocs, type GeneratedPage } from '../../tools/generate-docs.ts';

// One site built three times: with the accelerations (two threads, the default), with
// PORTAL_BUILD_THREADS=1, and as on an Astro the accelerations were not written for, which takes
// Astro's own path. A reader must not be able to tell the builds apart.
let site: SiteCopy;
let threads: { output: string; files: Map<string, string> };
let single: { output: string; files: Map<string, string> };
let fallback: { output: string; files: Map<string, string> };
let imagePages: GeneratedPage[];

/** Every file of a build but those that carry its time or Pagefind's reading order. */
const compared = (files: Map<string, string>) => new Map([...files].filter(([name]) => !STAMPED.includes(name) && !CALENDAR.test(name) && !READ_ORDER.test(name)));

/** Files that carry the time of their build. */
const STAMPED = ['build.json', 'insights/scorecard.json', 'insights/scorecard/index.html', 'request/capacity/index.html', 'status.json', 'status/index.html'];
/** Calendars: each event's DTSTAMP is the time the build wrote it (RFC 5545). */
const CALENDAR = /\.ics$/;
/** Pagefind's index chunks and page list number pages in the order it read them from dist/. */
const READ_ORDER = /^pagefind\/(index\/|filter\/|pagefind\.[\w-]+\.pf_meta$|pagefind-entry\.json$)/;
const IMAGE_PAGES = 12;

async function build(env: Record<string, string>): Promise<{ output: string; files: Map<string, string> }> {
  await rm(path.join(site.dir, 'node_modules/.astro'), { recursive: true, force: true });
  const { code, output } = await site.run(['build'], env);
  if (code !== 0) throw new Error(output);
  const dist = path.join(site.dir, 'dist');
  const names = (await readdir(dist, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dist, path.join(e.parentPath, e.name)));
  const files = new Map<string, string>();
  for (const name of names) files.set(name, createHash('sha256').update(await readFile(path.join(dist, name))).digest('hex'));
  return { output, files };
}

beforeAll(async () => {
  site = await copySite('threads');
  const pages = await generateDocs({ dir: path.join(site.dir, 'content/docs'), count: 120, seed: 3, sectionSize: 60, sectionPrefix: 'threads' });
  // Pages whose images Astro optimises, which only the main thread's build can collect.
  imagePages = pages.filter((_, i) => i % 10 === 0).slice(0, IMAGE_PAGES);
  for (const page of imagePages) {
    await appendFile(path.join(site.dir, 'content/docs', page.file), '\n![Request flow](./request-flow.svg)\n');
    await site.write(`content/docs/${path.dirname(page.file)}/request-flow.svg`, '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');
  }
  threads = await build({});
  single = await build({ PORTAL_BUILD_THREADS: '1' });
  fallback = await build({ PORTAL_ASSUME_VERSIONS: 'astro@8.0.0' });
}, 420_000);
afterAll(async () => {
  await site?.dispose();
});

describe('a build on two threads', () => {
  it('renders Markdown and pages on a second thread, and on one thread when told to', () => {
    expect(threads.output).toMatch(/Rendered \d+ Markdown pages: [1-9]\d* on a second thread/);
    expect(threads.output).toMatch(/Rendered \d+ pages: [1-9]\d* on a second thread, \d+ on the main thread \([1-9]\d* of them for their images\)/);
    expect(single.output).not.toMatch(/second thread/);
  });

  it('writes the same site as a build on one thread, byte for byte', () => {
    expect(compared(threads.files)).toEqual(compared(single.files));
    expect(compared(threads.files).size).toBeGreaterThan(300);
    for (const name of STAMPED) expect(threads.files.has(name), name).toBe(true);
  });

  it('gives every page with an image its optimised image', async () => {
    // dist/ holds the last build now, which the tests here find identical to the others.
    for (const page of imagePages) {
      const html = await readFile(path.join(site.dir, 'dist', page.href, 'index.html'), 'utf-8');
      expect(html, page.href).toMatch(/<img[^>]+src="\/_astro\/request-flow\.[\w-]+\.svg"/);
    }
    expect(imagePages).toHaveLength(IMAGE_PAGES);
  });
});

describe('a build on an Astro the accelerations were not written for', () => {
  it('says so once, in a warning naming the version, and runs none of them', () => {
    expect(fallback.output.match(/were written for astro 7\.3/g)).toHaveLength(1);
    expect(fallback.output).toContain('this site has astro 8.0.0');
    expect(fallback.output).not.toMatch(/second thread/);
    expect(threads.output).not.toMatch(/were written for/);
  });

  it('writes the same site as the accelerated build, byte for byte', () => {
    expect(compared(fallback.files)).toEqual(compared(threads.files));
  });
});
