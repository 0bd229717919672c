import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveStatic } from '../test/helpers/static-server.ts';
import { CHROMIUM_FLAGS, CHROMIUM_PATH, chromiumEnv } from './chromium.ts';
import type { Section } from './context.ts';

export const LIGHTHOUSE_PAGES = ['/', '/guides/getting-started/', '/request/onboarding/'];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = {
  'first-contentful-paint': 'FCP ms',
  'largest-contentful-paint': 'LCP ms',
  'total-blocking-time': 'TBT ms',
  'cumulative-layout-shift': 'CLS',
} as const;

interface PageScores {
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  metrics: Record<keyof typeof METRICS, number | undefined>;
}

/**
 * Lighthouse's default run: mobile, simulated throttling (Lantern models a slow 4G and a 4× slower
 * CPU from one unthrottled load), so scores move less with this machine's load than a real
 * throttled run would; they still move a few points between runs.
 */
export const lighthouseSection: Section = {
  key: 'lighthouse',
  title: 'Lighthouse',
  async run(ctx) {
    const dist = await ctx.portalDist();
    const server = await serveStatic(dist);
    const profile = await ctx.tempDir('lighthouse-chromium-');
    const chrome = await launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, userDataDir: profile, envVars: chromiumEnv(profile) });
    const pages: PageScores[] = [];
    try {
      for (const path of LIGHTHOUSE_PAGES) {
        ctx.log(`Lighthouse ${path}`);
        const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
        if (!result) throw new Error(`Lighthouse returned no result for ${path}.`);
        const { lhr } = result;
        if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${path}: ${lhr.runtimeError.message}`);
        pages.push({
          path,
          scores: Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null])) as PageScores['scores'],
          metrics: Object.fromEntries(Object.keys(METRICS).map((m) => [m, lhr.audits[m]?.numericValue])) as PageScores['metrics'],
        });
      }
    } finally {
      chrome.kill();
      await server.close();
    }
    const score = (s: number | null) => (s === null ? '–' : String(Math.round(s * 100)));
    return {
      figures: { formFactor: 'mobile', throttling: 'simulated', pages },
      tables: [
        {
          title: "Lighthouse (mobile, simulated throttling) on the portal's own build",
          columns: ['page', 'perf', 'a11y', 'best pr.', 'SEO', ...Object.values(METRICS)],
          rows: pages.map((p) => [
            p.path,
            ...CATEGORIES.map((c) => score(p.scores[c])),
            ...(Object.keys(METRICS) as Array<keyof typeof METRICS>).map((m) => {
              const v = p.metrics[m];
              return v === undefined ? '–' : m === 'cumulative-layout-shift' ? v.toFixed(3) : v.toFixed(0);
            }),
          ]),
        },
      ],
    };
  },
};
