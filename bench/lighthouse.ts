import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from '../test/helpers/static-server.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumEnv } from './chromium.ts';
import type { Section } from './context.ts';
import { formPages } from './page-assets.ts';
import { median } from './table.ts';

/** The home page and a guide; then the form page of every request type the site offers (formPages). */
export const LIGHTHOUSE_PAGES = ['/', '/guides/getting-started/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = {
  'first-contentful-paint': 'FCP ms',
  'largest-contentful-paint': 'LCP ms',
  'total-blocking-time': 'TBT ms',
  'cumulative-layout-shift': 'CLS',
} as const;

type Category = (typeof CATEGORIES)[number];
type Metric = keyof typeof METRICS;

export interface PageScores {
  path: string;
  /** A request form page: issue #29 aims at accessibility 100 and performance 95 or more there. */
  form: boolean;
  /** Median of the runs; each run's scores in `runs`. */
  scores: Record<Category, number | null>;
  metrics: Record<Metric, number | undefined>;
  runs: Array<{ scores: Record<Category, number | null>; metrics: Record<Metric, number | undefined> }>;
}

const medianOf = (values: Array<number | null | undefined>) => {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length === 0 ? undefined : median(known);
};

/**
 * Lighthouse's default run: mobile, simulated throttling (Lantern models a slow 4G and a 4× slower
 * CPU from one unthrottled load), so scores move less with this machine's load than a real
 * throttled run would; they still move a few points between runs, hence three runs per page (one
 * with --quick) and their median.
 */
export const lighthouseSection: Section = {
  key: 'lighthouse',
  title: 'Lighthouse',
  async run(ctx) {
    const dist = await ctx.portalDist();
    const forms = await formPages(dist);
    const runs = ctx.quick ? 1 : 3;
    const server = await serveStatic(dist);
    const profile = await ctx.tempDir('lighthouse-chromium-');
    const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, userDataDir: profile, envVars: chromiumEnv(profile) });
    const pages: PageScores[] = [];
    try {
      for (const path of [...LIGHTHOUSE_PAGES, ...forms]) {
        const measured: PageScores['runs'] = [];
        for (let run = 1; run <= runs; run++) {
          ctx.log(`Lighthouse ${path} (${run} of ${runs})`);
          const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
          if (!result) throw new Error(`Lighthouse returned no result for ${path}.`);
          const { lhr } = result;
          if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${path}: ${lhr.runtimeError.message}`);
          measured.push({
            scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as PageScores['scores'],
            metrics: Object.fromEntries(Object.keys(METRICS).map((m) => [m, lhr.audits[m]?.numericValue])) as PageScores['metrics'],
          });
        }
        pages.push({
          path,
          form: forms.includes(path),
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, medianOf(measured.map((r) => r.scores[c])) ?? null])) as PageScores['scores'],
          metrics: Object.fromEntries(Object.keys(METRICS).map((m) => [m, medianOf(measured.map((r) => r.metrics[m as Metric]))])) as PageScores['metrics'],
          runs: measured,
        });
      }
    } finally {
      chrome.kill();
      await server.close();
    }
    const score = (s: number | null) => (s === null ? '–' : String(Math.round(s * 100)));
    return {
      figures: { formFactor: 'mobile', throttling: 'simulated', runs, pages },
      tables: [
        {
          title: `Lighthouse (mobile, simulated throttling) on the portal's own build, median of ${runs} run${runs === 1 ? '' : 's'}`,
          columns: ['page', 'perf', 'a11y', 'best pr.', 'SEO', ...Object.values(METRICS), 'perf of each run'],
          rows: pages.map((p) => [
            p.path,
            ...CATEGORIES.map((c) => score(p.scores[c])),
            ...(Object.keys(METRICS) as Metric[]).map((m) => {
              const v = p.metrics[m];
              return v === undefined ? '–' : m === 'cumulative-layout-shift' ? v.toFixed(3) : v.toFixed(0);
            }),
            p.runs.map((r) => score(r.scores.performance)).join(', '),
          ]),
        },
      ],
    };
  },
};
