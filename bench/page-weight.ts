import type { Section } from './context.ts';
import { pageWeight, type PageWeight } from './page-assets.ts';
import { kB } from './table.ts';

/** One page of each kind the portal serves. */
export const WEIGHED_PAGES = [
  '/',
  '/guides/getting-started/',
  '/runbooks/kafka-consumer-lag/',
  '/roadmap/',
  '/changelog/',
  '/request/onboarding/',
  '/request/capacity/',
  '/request/feedback/',
  '/tenants/checkout/',
  '/insights/',
  '/insights/feedback/',
  '/insights/scorecard/',
];

export const pageWeightSection: Section = {
  key: 'weight',
  title: 'Page weight',
  async run(ctx) {
    const dist = await ctx.portalDist();
    const pages: Array<{ path: string; weight: PageWeight | undefined }> = [];
    for (const path of WEIGHED_PAGES) pages.push({ path, weight: await pageWeight(dist, path) });
    return {
      figures: { dist: ctx.dist ?? '(built by the bench)', pages },
      tables: [
        {
          title: "Page weight: the portal's own build, what each page loads up front (gzip kB)",
          columns: ['page', 'HTML', 'CSS', 'JS', 'total', 'CSS files', 'JS files'],
          rows: pages.map(({ path, weight: w }) =>
            w
              ? [path, kB(w.html), kB(w.css), kB(w.js), kB(w.html + w.css + w.js), String(w.cssFiles), String(w.jsFiles)]
              : [path, 'not built', '', '', '', '', ''],
          ),
          notes: ['JS = module scripts, modulepreloads, astro-island components and renderers, with their static imports; inline code counts in HTML.'],
        },
      ],
    };
  },
};
