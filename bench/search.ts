import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from '../test/helpers/static-server.ts';
import { ensureScaleDists } from './build-scale.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumEnv } from './chromium.ts';
import type { BenchContext, BuiltSite, Section } from './context.ts';
import { kB } from './table.ts';

const QUERY = 'retention';
/** Pagefind's files by extension: its script, the WebAssembly search, index metadata, the word index chunks, result fragments. */
const KINDS = [['js', 'pagefind.js'], ['json', 'entry'], ['pagefind', 'wasm'], ['pf_meta', 'meta'], ['pf_filter', 'filters'], ['pf_index', 'index chunks'], ['pf_fragment', 'fragments']] as const;

export interface SearchFigures {
  site: string;
  pages: number;
  indexBytes: number;
  indexFiles: number;
  /** All bytes under /pagefind/ once the results of the query are shown. */
  totalBytes: number;
  requests: number;
  /** Bytes fetched by kind of Pagefind file (its extension: js, pagefind = the wasm, pf_index, ...). */
  byKind: Record<string, number>;
  results: number;
}

export const search: Section = {
  key: 'search',
  title: 'Search',
  async run(ctx) {
    await ensureScaleDists(ctx);
    const figures: SearchFigures[] = [];
    for (const kind of ['portal', 'bare'] as const) figures.push(await measureSearch(ctx, ctx.scaleDists.get(kind)!));
    return {
      figures: { query: QUERY, sites: figures },
      tables: [
        {
          title: `Search: Pagefind index and bytes fetched for the query "${QUERY}" (headless Chromium, Starlight's dialog)`,
          columns: ['site', 'N', 'index kB', 'index files', 'fetched kB', 'requests', 'results'],
          rows: figures.map((f) => [f.site, String(f.pages), kB(f.indexBytes), String(f.indexFiles), kB(f.totalBytes), String(f.requests), String(f.results)]),
          notes: ['fetched = response bodies under /pagefind/ from page load to results shown, as served (Pagefind gzips its own index files).'],
        },
        {
          // Script, entry, wasm and meta are paid once per visit; index chunks and fragments per query.
          title: 'Search: what the query fetched, by kind of file (kB)',
          columns: ['site', 'N', ...KINDS.map(([, label]) => label)],
          rows: figures.map((f) => [f.site, String(f.pages), ...KINDS.map(([ext]) => kB(f.byKind[ext] ?? 0))]),
        },
      ],
    };
  },
};

async function measureSearch(ctx: BenchContext, site: BuiltSite): Promise<SearchFigures> {
  const files = await readdir(path.join(site.dist, 'pagefind'), { recursive: true, withFileTypes: true });
  let indexBytes = 0;
  let indexFiles = 0;
  for (const f of files.filter((e) => e.isFile())) {
    indexBytes += (await stat(path.join(f.parentPath, f.name))).size;
    indexFiles++;
  }

  const server = await serveStatic(site.dist);
  const profile = await ctx.tempDir('chromium-');
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    env: chromiumEnv(profile),
  });
  try {
    const page = await browser.newPage();
    let bytes = 0;
    let requests = 0;
    const byKind: Record<string, number> = {};
    let lastFetch = performance.now();
    page.on('requestfinished', async (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/pagefind/')) return;
      requests++;
      lastFetch = performance.now();
      const size = (await request.sizes()).responseBodySize;
      bytes += size;
      const kind = path.extname(pathname).slice(1) || 'other';
      byKind[kind] = (byKind[kind] ?? 0) + size;
    });
    const quiet = async (ms: number) => {
      while (performance.now() - lastFetch < ms) await page.waitForTimeout(100);
    };
    // A generated page exists in both sites; bare Starlight has no home page.
    await page.goto(`${server.url}/generated-01/page-0001/`, { waitUntil: 'networkidle' });
    await page.click('button[data-open-modal]');
    // The text box, not the filter checkboxes Pagefind UI shows below it when a site has filters.
    const input = page.locator('#starlight__search input[type="text"]');
    await input.waitFor();
    // One input event: typing letter by letter would also fetch index chunks for "r", "re", ...
    // where the UI's debounce lets them through, which depends on typing speed.
    await input.fill(QUERY);
    await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 });
    // The UI loads each shown result's fragment after the first appears: wait until fetching stops.
    await quiet(1000);
    const results = await page.locator('.pagefind-ui__result').count();
    return { site: site.name, pages: site.pages, indexBytes, indexFiles, totalBytes: bytes, requests, byKind, results };
  } finally {
    await browser.close();
    await server.close();
  }
}
