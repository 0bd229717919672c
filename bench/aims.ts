/**
 * The aims of the docs-at-scale issue, checked against this run's figures: the closing note and the
 * README report these, so the bench says plainly which held. Figures, not tests: a run on a busy
 * machine can miss an aim that the next one meets.
 */
import type { SearchFigures } from './search.ts';
import type { SiteFigures } from './build-scale.ts';
import type { PageScores } from './lighthouse.ts';
import { FORM_JS_BUDGET, type WeightFigures } from './page-weight.ts';
import { SITE_LABELS } from './sites.ts';
import { kB, MB, ratio, seconds, type Table } from './table.ts';

const GiB = 2 ** 30;
const HTML_BUDGET = 10 * 1024;
const GROWTH_BUDGET = 3.3;

type Aim = [aim: string, measured: string, held: boolean | undefined];

export function aimsTable(sites: readonly SiteFigures[] | undefined, search: readonly SearchFigures[] | undefined): Table {
  const site = (kind: SiteFigures['site'], pages: number) => sites?.find((s) => s.site === kind && s.pages === pages);
  const [portal1k, mkdocs1k, portal3k] = [site('portal', 1000), site('mkdocs', 1000), site('portal', 3000)];
  const aims: Aim[] = [];

  // Runs alternate site by site, so the i-th build of each is a pair made in the same minute.
  const pairs = portal1k && mkdocs1k ? mkdocs1k.runs.map((m, i) => [portal1k.runs[i]!.seconds, m.seconds] as const) : [];
  aims.push([
    'N = 1,000: builds no slower than MkDocs Material',
    portal1k && mkdocs1k
      ? `${seconds(portal1k.seconds)} s against ${seconds(mkdocs1k.seconds)} s (${ratio(portal1k.seconds, mkdocs1k.seconds)}), ${pairs.filter(([p, m]) => p <= m).length} of ${pairs.length} pairs won`
      : 'not measured',
    portal1k && mkdocs1k ? portal1k.seconds <= mkdocs1k.seconds : undefined,
  ]);

  aims.push(['N = 1,000: peak RSS under 1 GiB', portal1k ? `${MB(portal1k.peakRssBytes)} MB` : 'not measured', portal1k && portal1k.peakRssBytes < GiB]);

  aims.push([
    `N = 3,000: at most ${GROWTH_BUDGET}× the N = 1,000 time`,
    portal1k && portal3k ? `${ratio(portal3k.seconds, portal1k.seconds)} (${seconds(portal3k.seconds)} s)` : 'not measured',
    portal1k && portal3k ? portal3k.seconds / portal1k.seconds <= GROWTH_BUDGET : undefined,
  ]);

  const pages = [portal1k, portal3k].flatMap((s) => (s?.weight ? [{ pages: s.pages, html: s.weight.html }] : []));
  aims.push([
    "a docs page's HTML at most 10 KB gzip at both sizes",
    pages.length === 2 ? pages.map((s) => `${kB(s.html)} KB at ${s.pages.toLocaleString('en')}`).join(', ') : 'not measured',
    pages.length === 2 ? pages.every((s) => s.html <= HTML_BUDGET) : undefined,
  ]);

  const [portalSearch, bareSearch] = [search?.find((s) => s.site === SITE_LABELS.portal), search?.find((s) => s.site === SITE_LABELS.bare)];
  aims.push([
    "a search fetches no more bytes than bare Starlight's",
    portalSearch && bareSearch ? `${kB(portalSearch.totalBytes)} KB against ${kB(bareSearch.totalBytes)} KB at N = ${portalSearch.pages.toLocaleString('en')}` : 'not measured',
    portalSearch && bareSearch ? portalSearch.totalBytes <= bareSearch.totalBytes : undefined,
  ]);

  return {
    title: 'Aims of the docs-at-scale issue, in this run',
    columns: ['aim', 'measured', 'held'],
    rows: aims.map(([aim, measured, held]) => [aim, measured, held === undefined ? '–' : held ? 'yes' : 'no']),
    notes: ["The build aims need the build section at full size (N = 1,000 and 3,000, not --quick); search is measured at the run's largest N."],
  };
}

/**
 * The aims of issue #29 for the request form pages, every one the site offers: JavaScript up front
 * at most 100 KB gzip, Lighthouse (mobile) accessibility 100 and performance 95 or more (the median
 * of the section's runs).
 */
export function formAimsTable(weight: WeightFigures | undefined, lighthouse: { pages: PageScores[] } | undefined): Table {
  const weighed = weight?.pages.filter((p) => p.form) ?? [];
  const scored = lighthouse?.pages.filter((p) => p.form) ?? [];
  const list = (items: string[]) => items.join(', ');
  const score = (s: number | null) => (s === null ? '–' : String(Math.round(s * 100)));
  const aims: Aim[] = [
    [
      `a form page's JavaScript at most ${kB(FORM_JS_BUDGET)} KB gzip`,
      weighed.length > 0 ? list(weighed.map((p) => `${p.path} ${kB(p.weight?.js)}`)) : 'not measured',
      weighed.length > 0 ? weighed.every((p) => p.weight !== undefined && p.weight.js <= FORM_JS_BUDGET) : undefined,
    ],
    [
      'Lighthouse accessibility 100 on every form page',
      scored.length > 0 ? list(scored.map((p) => `${p.path} ${score(p.scores.accessibility)}`)) : 'not measured',
      scored.length > 0 ? scored.every((p) => p.scores.accessibility === 1) : undefined,
    ],
    [
      'Lighthouse performance at least 95 on every form page',
      scored.length > 0 ? list(scored.map((p) => `${p.path} ${score(p.scores.performance)}`)) : 'not measured',
      // Lighthouse rounds the score it shows; the aim reads it as shown.
      scored.length > 0 ? scored.every((p) => p.scores.performance !== null && Math.round(p.scores.performance * 100) >= 95) : undefined,
    ],
  ];
  return {
    title: 'Aims of the form pages (issue #29), in this run',
    columns: ['aim', 'measured', 'held'],
    rows: aims.map(([aim, measured, held]) => [aim, measured, held === undefined ? '–' : held ? 'yes' : 'no']),
    notes: ['Weight from the weight section, scores from the lighthouse section (median of its runs).'],
  };
}
