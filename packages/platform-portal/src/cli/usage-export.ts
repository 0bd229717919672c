/**
 * `platform-portal usage export --prometheus URL [--days 90] [--end YYYY-MM-DD] [--timeout-ms N]
 * [--content DIR] [--out DIR] [--open-pr]`: writes content/usage/<tenant>.json from Prometheus.
 * Exits 0 on success, 1 when the export or the pull request failed, 2 on bad arguments.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { isoDay } from '../lib/dates.ts';
import { pathToString } from '../lib/problems.ts';
import { gitHubSettings, GitHubSettingsError } from './github-settings.ts';
import { GitHubError } from '../github/errors.ts';
import { ContentError } from '../usage/content.ts';
import { UsageExportError } from '../usage/export.ts';
import { displayUrl } from '../usage/prometheus.ts';
import { runUsageExport } from '../usage/run.ts';
import type { Site } from './site.ts';

export const USAGE_EXPORT_HELP = `Usage: platform-portal usage export --prometheus URL [--days 90] [--end YYYY-MM-DD] [--timeout-ms 30000] [--content content] [--out content/usage] [--open-pr]
Environment: PROMETHEUS_URL (instead of --prometheus), PROMETHEUS_TOKEN (sent as a bearer token),
GITHUB_TOKEN and GITHUB_REPOSITORY (with --open-pr; see the guide "Usage data").`;

const OptionsSchema = z.object({
  prometheus: z.url({ protocol: /^https?$/, error: 'give the Prometheus base URL, e.g. http://127.0.0.1:9090, with --prometheus or PROMETHEUS_URL' }),
  token: z.string().min(1).optional(),
  days: z.coerce.number().int().min(1).max(3660).default(90),
  end: z.iso.date('use a date like 2026-11-24').optional(),
  'timeout-ms': z.coerce.number().int().min(100).max(600_000).default(30_000),
  content: z.string().min(1).default('content'),
  out: z.string().min(1).optional(),
  'open-pr': z.boolean().default(false),
});

/** Bad flags or environment: exit 2 with the usage line. */
class ArgumentError extends Error {}

const FLAGS = {
  prometheus: { type: 'string' },
  days: { type: 'string' },
  end: { type: 'string' },
  'timeout-ms': { type: 'string' },
  content: { type: 'string' },
  out: { type: 'string' },
  'open-pr': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function options(argv: string[], env: NodeJS.ProcessEnv) {
  const values = (() => {
    try {
      return parseArgs({ args: argv, options: FLAGS }).values;
    } catch (error) {
      throw new ArgumentError((error as Error).message);
    }
  })();
  if (values.help) return undefined;
  const parsed = OptionsSchema.safeParse({ ...values, prometheus: values.prometheus ?? env.PROMETHEUS_URL, token: env.PROMETHEUS_TOKEN || undefined });
  if (!parsed.success) throw new ArgumentError(parsed.error.issues.map((i) => `--${pathToString(i.path)}: ${i.message}`).join('; '));
  return parsed.data;
}

async function exportUsage(argv: string[], env: NodeJS.ProcessEnv, site: Site): Promise<void> {
  const now = new Date();
  const opts = options(argv, env);
  if (!opts) {
    console.log(USAGE_EXPORT_HELP);
    return;
  }
  const end = opts.end ?? isoDay(now);
  if (end > isoDay(now)) throw new ArgumentError(`--end ${end} is in the future; Prometheus has no usage for it yet`);
  const range = { end, days: opts.days };
  const github = opts['open-pr'] ? gitHubSettings(env, await site.config()) : undefined;

  const result = await runUsageExport({
    contentDir: path.resolve(site.root, opts.content),
    outDir: opts.out === undefined ? undefined : path.resolve(site.root, opts.out),
    prometheus: { url: opts.prometheus, token: opts.token, timeoutMs: opts['timeout-ms'] },
    range,
    now,
  });
  const series = result.files.reduce((n, f) => n + f.series.length, 0);
  console.log(`Wrote ${result.written.length} usage file(s), ${series} series up to ${end}, from ${displayUrl(opts.prometheus)}.`);
  for (const orphan of result.orphans) console.warn(`${orphan} belongs to no tenant with usage to export; delete it, or the site's content checks will name it.`);

  if (github) {
    // Octokit loads only when a pull request is wanted: a plain export starts faster.
    const [{ createGitHub }, { proposeUsage }] = await Promise.all([import('../github/client.ts'), import('../usage/pull-request.ts')]);
    const pr = await proposeUsage({ gh: createGitHub(github), config: github }, result.files, range);
    if (!pr) console.log(`The usage files on ${github.baseBranch} are already up to date; no pull request needed.`);
    else console.log(`Pull request #${pr.number} ${pr.created ? 'opened' : 'updated'}: ${pr.url}${pr.warnings.map((w) => `\n${w}`).join('')}`);
  }
}

/** Exit code 1 when the export or the pull request failed, 2 on bad arguments. */
export async function usageExport(argv: string[], site: Site): Promise<number> {
  try {
    await exportUsage(argv, process.env, site);
    return 0;
  } catch (error) {
    if (error instanceof ArgumentError || error instanceof GitHubSettingsError) {
      console.error(`${error.message}.\n${USAGE_EXPORT_HELP}`);
      return 2;
    }
    if (error instanceof UsageExportError || error instanceof ContentError || error instanceof GitHubError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
