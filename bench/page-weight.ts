import type { Section } from './context.ts';
import { formPages, pageWeight, type PageWeight } from './page-assets.ts';
import { kB } from './table.ts';

/** One page of each kind the portal serves; the request forms, all of them, come from the build (formPages). */
export const WEIGHED_PAGES = [
  '/',
  '/guides/getting-started/',
  '/runbooks/kafka-consumer-lag/',
  '/roadmap/',
  '/direction/',
  '/changelog/',
  '/tenants/checkout/',
  '/tenants/checkout/connect/kafka/',
  '/campaigns/',
  '/campaigns/postgresql-14-upgrade/',
  '/status/',
  '/insights/',
  '/insights/feedback/',
  '/insights/scorecard/',
];

/** The aim of issue #29: a form page's JavaScript, its form included, at most this many bytes gzip. */
export const FORM_JS_BUDGET = 100 * 1024;

export interface WeightFigures {
  dist: string;
  pages: Array<{ path: string; form: boolean; weight: PageWeight | undefined }>;
}

export const pageWeightSection: Section = {
  key: 'weight',
  title: 'Page weight',
  async run(ctx) {
    const dist = await ctx.portalDist();
    const forms = await formPages(dist);
    const pages: WeightFigures['pages'] = [];
    for (const path of [...WEIGHED_PAGES, ...forms]) pages.push({ path, form: forms.includes(path), weight: await pageWeight(dist, path) });
    const figures: WeightFigures = { dist: ctx.dist ?? '(built by the bench)', pages };
    return {
      figures,
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
