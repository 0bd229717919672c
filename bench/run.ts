/**
 * `npm run bench [-- --quick] [--only build,weight,search,lighthouse] [--dist DIR]`: prints a table
 * per section and writes the same figures to bench/results/latest.json. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../test/helpers/fixtures.ts';
import { aimsTable, formAimsTable } from './aims.ts';
import { buildScale, type SiteFigures } from './build-scale.ts';
import { CHROMIUM_PATH } from './chromium.ts';
import { createContext, type Section, type SectionReport } from './context.ts';
import { lighthouseSection, type PageScores } from './lighthouse.ts';
import { pageWeightSection, type WeightFigures } from './page-weight.ts';
import { requestsSection } from './requests.ts';
import { search, type SearchFigures } from './search.ts';
import { formatTable } from './table.ts';

/**
 * The sections, in the order they run. Search comes after build scale, whose last dists it
 * queries; page weight, Lighthouse and Requests share one build of the portal. A new section is
 * a module exporting a `Section` and one more entry here.
 */
const SECTIONS: Section[] = [buildScale, pageWeightSection, search, lighthouseSection, requestsSection];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    dist: { type: 'string' },
  },
});
const only = values.only?.split(',').map((s) => s.trim());
const unknown = only?.filter((key) => !SECTIONS.some((s) => s.key === key)) ?? [];
if (unknown.length > 0) {
  console.error(`Unknown section ${unknown.join(', ')} in --only. Sections: ${SECTIONS.map((s) => s.key).join(', ')}.`);
  process.exit(2);
}
const selected = SECTIONS.filter((s) => !only || only.includes(s.key));

const ctx = await createContext({ quick: values.quick, dist: values.dist });
// Ctrl-C still removes the copies of the site (several hundred MB at full size).
process.once('SIGINT', () => void ctx.close().finally(() => process.exit(130)));

const started = new Date();
const reports: Record<string, SectionReport & { seconds: number }> = {};
let failed = false;
try {
  for (const section of selected) {
    ctx.log(`${section.title}…`);
    const t = performance.now();
    try {
      const report = await section.run(ctx);
      reports[section.key] = { ...report, seconds: (performance.now() - t) / 1000 };
      for (const table of report.tables) console.log(formatTable(table));
    } catch (error) {
      // One broken section should not cost the figures of the others.
      failed = true;
      console.error(`\n${section.title} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await ctx.close();
}

const aims =
  reports.build || reports.search
    ? aimsTable((reports.build?.figures as { sites: SiteFigures[] } | undefined)?.sites, (reports.search?.figures as { sites: SearchFigures[] } | undefined)?.sites)
    : undefined;
if (aims) console.log(formatTable(aims));
const formAims =
  reports.weight || reports.lighthouse
    ? formAimsTable(reports.weight?.figures as WeightFigures | undefined, reports.lighthouse?.figures as { pages: PageScores[] } | undefined)
    : undefined;
if (formAims) console.log(formatTable(formAims));

/** Chromium's version, or why there is none: a missing browser fails its sections, not the figures of the others. */
function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return `none at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`;
  }
}

const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf-8'));
const result = {
  startedAt: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  mode: values.quick ? 'quick' : 'full',
  machine: {
    cpus: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    astro: pkg.dependencies.astro,
    starlight: pkg.dependencies['@astrojs/starlight'],
    chromium: chromiumVersion(),
  },
  sections: reports,
  aims,
  formAims,
};
const out = path.join(REPO_ROOT, 'bench/results/latest.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(`\nWrote ${path.relative(process.cwd(), out)} (${result.seconds.toFixed(0)} s in all).`);
process.exit(failed ? 1 : 0);
