import type { BenchContext, Section } from './context.ts';
import { pageWeight, type PageWeight } from './page-assets.ts';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { countHtml, createSite, mkdocsAvailability, SITE_LABELS, type BenchSite, type SiteKind } from './sites.ts';
import { kB, MB, median, ratio, seconds, type Table } from './table.ts';
import type { Measured } from './measure.ts';

export interface Run {
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** Cores busy with other work on the machine meanwhile. */
  otherLoad: number;
  /** Astro's own timings from its log, seconds; empty for MkDocs. */
  phases: Partial<Record<Phase, number>>;
}

/** The portal built again in the same folder after one page changed: Astro's content cache kept. */
interface Rebuild extends Run {
  pages: number;
}

export interface SiteFigures {
  site: SiteKind;
  pages: number;
  runs: Run[];
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
  otherLoad: number;
  pagesBuilt: number;
  pagesPerSecond: number;
  samplePage: string;
  weight: PageWeight | undefined;
}

type Phase = 'setup' | 'bundle' | 'render' | 'pagefind';
const PHASES: Record<Phase, string> = {
  // Astro renders each Markdown file (remark, rehype, Expressive Code) while it syncs content.
  setup: 'config + content sync',
  bundle: 'Vite bundle',
  render: 'render pages',
  pagefind: 'Pagefind',
};

export const buildScale: Section = {
  key: 'build',
  title: 'Build scale',
  async run(ctx) {
    const mkdocs = mkdocsAvailability(ctx.log);
    const kinds: SiteKind[] = mkdocs.ok ? ['portal', 'bare', 'mkdocs'] : ['portal', 'bare'];
    const results: SiteFigures[] = [];
    const rebuilds: Rebuild[] = [];
    const largest = Math.max(...ctx.sizes);
    // The baselines get one run at the largest N: at 3000 pages bare Starlight alone takes ~6 min
    // of CPU here (its sidebar puts every page into every page), and three runs of everything would
    // take ~40 minutes. The portal keeps all its runs: its growth is the point.
    const runsOf = (kind: SiteKind, n: number) => (kind !== 'portal' && n === largest ? Math.min(ctx.runs, 1) : ctx.runs);
    for (const n of ctx.sizes) {
      const runs = new Map<SiteKind, Run[]>(kinds.map((k) => [k, []]));
      const last = new Map<SiteKind, Pick<SiteFigures, 'site' | 'pages' | 'pagesBuilt' | 'samplePage' | 'weight'>>();
      // Alternate the sites run by run, so a slow spell of the machine hits all of them alike.
      for (let r = 1; r <= ctx.runs; r++) {
        for (const kind of kinds.filter((k) => r <= runsOf(k, n))) {
          const site = await createSite(kind, ctx, n);
          ctx.log(`N=${n} run ${r}/${runsOf(kind, n)}: building ${SITE_LABELS[kind]}`);
          runs.get(kind)!.push(runOf(await site.build(), ctx));
          const samplePage = site.pages[0]!.href;
          last.set(kind, { site: kind, pages: n, pagesBuilt: await countHtml(site.dist), samplePage, weight: await pageWeight(site.dist, samplePage) });
          if (kind === 'portal' && r === runsOf(kind, n)) rebuilds.push(await rebuildAfterEdit(site, n, ctx));
          if (r === runsOf(kind, n) && n === largest && kind !== 'mkdocs') {
            ctx.scaleDists.set(kind, { name: SITE_LABELS[kind], pages: n, dist: site.dist });
          } else {
            await site.dispose();
          }
        }
      }
      for (const kind of kinds) {
        const kindRuns = runs.get(kind)!;
        const wall = median(kindRuns.map((x) => x.seconds));
        const figures = last.get(kind)!;
        results.push({
          ...figures,
          runs: kindRuns,
          seconds: wall,
          cpuSeconds: median(kindRuns.map((x) => x.cpuSeconds)),
          peakRssBytes: median(kindRuns.map((x) => x.peakRssBytes)),
          otherLoad: Math.max(...kindRuns.map((x) => x.otherLoad)),
          pagesPerSecond: figures.pagesBuilt / wall,
        });
      }
    }
    return { tables: [...tables(ctx, results, mkdocs), rebuildTable(rebuilds)], figures: { mkdocs, sites: results, ratios: ratios(ctx, results), rebuilds } };
  },
};

/** What a CI that keeps node_modules/.astro between runs pays for a one-page change. */
async function rebuildAfterEdit(site: BenchSite, n: number, ctx: BenchContext): Promise<Rebuild> {
  const page = site.pages.at(-1)!;
  const file = path.join(site.docsDir, page.file);
  await writeFile(file, `${await readFile(file, 'utf-8')}\n\nEdited for the rebuild.\n`);
  ctx.log(`N=${n}: rebuilding the portal after editing ${page.file}, content cache kept`);
  return { pages: n, ...runOf(await site.build(), ctx) };
}

/** A build's figures, logged as they come. */
function runOf(built: Measured, ctx: BenchContext): Run {
  ctx.log(`  ${built.seconds.toFixed(1)} s, ${built.cpuSeconds.toFixed(1)} CPU s, peak RSS ${MB(built.peakRssBytes)} MB, other load ${built.otherLoad.toFixed(2)} cores`);
  const { seconds, cpuSeconds, peakRssBytes, otherLoad } = built;
  return { seconds, cpuSeconds, peakRssBytes, otherLoad, phases: astroPhases(built.output) };
}

function rebuildTable(rebuilds: Rebuild[]): Table {
  return {
    title: 'Portal rebuild after a one-page edit, content cache (node_modules/.astro) kept',
    columns: ['N', 'wall s', 'CPU s', 'peak RSS MB', ...Object.values(PHASES).map((p) => `${p} s`)],
    rows: rebuilds.map((x) => [String(x.pages), seconds(x.seconds), seconds(x.cpuSeconds), MB(x.peakRssBytes), ...(Object.keys(PHASES) as Phase[]).map((p) => seconds(x.phases[p] ?? 0))]),
    notes: ['Astro re-renders only the edited page\'s Markdown; every page is still rendered to HTML and indexed.'],
  };
}

/** Makes sure search has dists to query when build-scale itself was not selected. */
export async function ensureScaleDists(ctx: BenchContext): Promise<void> {
  const n = Math.max(...ctx.sizes);
  for (const kind of ['portal', 'bare'] as const) {
    if (ctx.scaleDists.has(kind)) continue;
    const site = await createSite(kind, ctx, n);
    ctx.log(`building ${SITE_LABELS[kind]} with ${n} pages for search`);
    await site.build();
    ctx.scaleDists.set(kind, { name: SITE_LABELS[kind], pages: n, dist: site.dist });
  }
}

/** Durations as Astro and Vite print them: `291ms`, `2.50s`, `1m 40s` (Vite also `1m`). */
const DURATION = String.raw`([\d.]+ms|\d+m(?: \d+s)?|[\d.]+s)`;

function durationSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const minutes = text.match(/^(\d+)m(?: (\d+)s)?$/);
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2] ?? 0);
  return text.endsWith('ms') ? Number(text.slice(0, -2)) / 1000 : Number(text.slice(0, -1));
}

/** Astro's own timings, read from its log. */
export function astroPhases(output: string): Partial<Record<Phase, number>> {
  const at = (pattern: string, from = 0) => durationSeconds(output.slice(from).match(new RegExp(pattern))?.[1]);
  const renderAt = output.indexOf('generating static routes');
  const bundles = [...output.matchAll(new RegExp(String.raw`\[vite\] ✓ built in ${DURATION}`, 'g'))].map((m) => durationSeconds(m[1])!);
  const phases: Partial<Record<Phase, number>> = {
    setup: at(String.raw`Collecting build info\.\.\.[\s\S]*?\[build\] ✓ Completed in ${DURATION}`),
    bundle: bundles.length > 0 ? bundles.reduce((a, b) => a + b, 0) : undefined,
    render: renderAt === -1 ? undefined : at(String.raw`✓ Completed in ${DURATION}`, renderAt),
    pagefind: at(String.raw`Finished building search index in ${DURATION}`),
  };
  return Object.fromEntries(Object.entries(phases).filter(([, v]) => v !== undefined));
}

function ratios(ctx: BenchContext, results: SiteFigures[]) {
  const find = (site: SiteKind, n: number) => results.find((r) => r.site === site && r.pages === n);
  const total = (w: PageWeight | undefined) => (w ? w.html + w.css + w.js : undefined);
  const perSize = ctx.sizes.map((n) => {
    const [portal, bare, mkdocs] = [find('portal', n), find('bare', n), find('mkdocs', n)];
    const vs = (other: SiteFigures | undefined) =>
      other && portal
        ? { seconds: portal.seconds / other.seconds, cpuSeconds: portal.cpuSeconds / other.cpuSeconds, peakRss: portal.peakRssBytes / other.peakRssBytes, pageBytes: total(portal.weight)! / total(other.weight)! }
        : undefined;
    return { pages: n, portalVsBare: vs(bare), portalVsMkdocs: vs(mkdocs) };
  });
  const [small, large] = [ctx.sizes[0]!, ctx.sizes.at(-1)!];
  const growth = small !== large ? find('portal', large)!.seconds / find('portal', small)!.seconds : undefined;
  return { perSize, portalTimeGrowth: growth === undefined ? undefined : { from: small, to: large, factor: growth } };
}

function tables(ctx: BenchContext, results: SiteFigures[], mkdocs: ReturnType<typeof mkdocsAvailability>): Table[] {
  const r = ratios(ctx, results);
  const fmtRatio = (x: number | undefined) => (x === undefined ? '–' : ratio(x, 1));
  const main: Table = {
    title: 'Build scale: cold build incl. Pagefind/search index (median of the runs)',
    columns: ['site', 'N', 'runs', 'wall s', 'CPU s', 'pages', 'pages/s', 'peak RSS MB', 'page HTML kB', 'CSS kB', 'JS kB', 'other load'],
    rows: results.map((x) => [
      SITE_LABELS[x.site], String(x.pages), String(x.runs.length), seconds(x.seconds), seconds(x.cpuSeconds), String(x.pagesBuilt), x.pagesPerSecond.toFixed(1),
      MB(x.peakRssBytes), kB(x.weight?.html), kB(x.weight?.css), kB(x.weight?.js), x.otherLoad.toFixed(2),
    ]),
    notes: [
      `pages = HTML files written (the portal adds its own ~80); page = ${results[0]?.samplePage ?? '–'} in every site, gzip.`,
      'CPU s = CPU time of the build and its children; other load = cores busy with other work meanwhile (worst run): above ~0.3 the wall times are inflated.',
      ...(mkdocs.ok ? [`MkDocs ${mkdocs.version} with Material from Debian.`] : [`MkDocs skipped: ${mkdocs.reason}`]),
      ...(results.some((x) => x.weight?.external) ? ['MkDocs Material also loads Google Fonts from another host: not counted.'] : []),
    ],
  };
  const compare: Table = {
    title: 'Portal against the baselines (portal ÷ other; below 1× the portal is lighter)',
    columns: ['N', 'vs', 'wall', 'CPU', 'peak RSS', 'page bytes'],
    rows: r.perSize.flatMap((s) =>
      ([['bare Starlight', s.portalVsBare], ['MkDocs', s.portalVsMkdocs]] as const)
        .filter(([, v]) => v !== undefined)
        .map(([name, v]) => [String(s.pages), name, fmtRatio(v!.seconds), fmtRatio(v!.cpuSeconds), fmtRatio(v!.peakRss), fmtRatio(v!.pageBytes)]),
    ),
    notes: r.portalTimeGrowth
      ? [`Portal wall time N=${r.portalTimeGrowth.from} → N=${r.portalTimeGrowth.to}: ${ratio(r.portalTimeGrowth.factor, 1)} (pages ×${(r.portalTimeGrowth.to / r.portalTimeGrowth.from).toFixed(0)}).`]
      : [],
  };
  const astro = results.filter((x) => x.site !== 'mkdocs');
  const phases: Table = {
    title: "Where an Astro build's time goes (Astro's own log, median run; rest = start-up, sitemap, exit)",
    columns: ['site', 'N', ...Object.values(PHASES).map((p) => `${p} s`), 'rest s'],
    rows: astro.map((x) => {
      const values = (Object.keys(PHASES) as Phase[]).map((p) => median(x.runs.map((run) => run.phases[p] ?? 0)));
      return [SITE_LABELS[x.site], String(x.pages), ...values.map((v) => seconds(v)), seconds(x.seconds - values.reduce((a, b) => a + b, 0))];
    }),
  };
  return [main, compare, phases];
}
