/**
 * CPU time per request (issue 32, "CPU"): the functions' handler, `portalApi` as the site's Pages
 * Function calls it, runs in this process; the local GitHub runs in a child process
 * (local-github-process.ts). A request's CPU is this process's `process.cpuUsage()` (user +
 * system) across the handler and the reading of its answer: the time spent waiting for GitHub
 * costs no CPU here, and GitHub's own work is the child's. Measured per request type with 10 and
 * with 800 feedback files already in the week's rolling feedback pull request: the pile is
 * committed to its branch with git (fast-import), then one submission takes it in (the rebuild,
 * shown on its own row) before the measured ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { stringify } from 'yaml';
import { portalApi, type PagesContext } from '../packages/platform-portal/src/functions/index.ts';
import { DEV_ID_SECRET } from '../packages/platform-portal/src/http/ids.ts';
import { commitFiles } from '../test/helpers/git-commit.ts';
import { BASICS } from '../test/helpers/fixtures.ts';
import type { BenchContext } from './context.ts';
import { median, type Table } from './table.ts';
import portal from '../test/fixtures/basics/portal.config.ts';

type RequestKind = 'onboarding' | 'capacity' | 'feedback';

export interface CpuOptions {
  /** The built site: its catalog.json is what the functions read from their assets. */
  dist: string;
  /** A distinct valid request of each type for each i. */
  body(type: RequestKind, i: number): unknown;
}

const PILES = [10, 800];
const TYPES: RequestKind[] = ['onboarding', 'capacity', 'feedback'];

async function startGitHub(ctx: BenchContext): Promise<{ child: ChildProcess; apiUrl: string; adminToken: string; repoPath: string }> {
  const dataDir = await ctx.tempDir('cpu-github-');
  const script = path.join(import.meta.dirname, 'local-github-process.ts');
  const child = spawn(process.execPath, [script, dataDir, BASICS, portal.github.repository, portal.github.baseBranch], { stdio: ['ignore', 'pipe', 'inherit'] });
  ctx.defer(async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return { child, ...(JSON.parse(line) as { apiUrl: string; adminToken: string; repoPath: string }) };
}

export async function requestCpu(ctx: BenchContext, options: CpuOptions): Promise<{ table: Table; figures: unknown }> {
  const github = await startGitHub(ctx);
  const catalog = await readFile(path.join(options.dist, 'catalog.json'), 'utf-8');
  const env = {
    ASSETS: { fetch: async () => new Response(catalog, { headers: { 'content-type': 'application/json' } }) },
    AUTH_MODE: 'dev',
    DEV_USER_EMAIL: 'developer@example.com',
    PORTAL_ID_SECRET: DEV_ID_SECRET,
    GITHUB_API_URL: github.apiUrl,
    GITHUB_TOKEN: 'bench',
    GITHUB_WRITE_INTERVAL_MS: '0',
    GITHUB_RETRY_BASE_MS: '100',
  };
  const handler = portalApi(portal);
  const admin = async (p: string, method = 'GET') =>
    (await (await fetch(`${github.apiUrl}/_admin/${p}`, { method, headers: { authorization: `Bearer ${github.adminToken}` } })).json()) as { total: number };

  const sent = new Map<RequestKind, number>();
  /** One request through the handler: its CPU in ms, and the GitHub calls it made. */
  async function measure(type: RequestKind): Promise<{ cpuMs: number; calls: number; branch: string; number: number }> {
    const i = sent.get(type) ?? 0;
    sent.set(type, i + 1);
    const request = new Request(`http://127.0.0.1:8788/api/requests/${type}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `bench-cpu-${type}-${i}` },
      body: JSON.stringify(options.body(type, 5000 + i)),
    });
    await admin('stats/reset', 'POST');
    const before = process.cpuUsage();
    const response = await handler({ request, env, params: {} } satisfies PagesContext);
    const json = (await response.json()) as { pullRequest?: { branch: string; number: number } };
    const used = process.cpuUsage(before);
    if (response.status >= 300) throw new Error(`${type} answered ${response.status}: ${JSON.stringify(json)}`);
    return { cpuMs: (used.user + used.system) / 1000, calls: (await admin('stats')).total, ...json.pullRequest! };
  }

  // The first requests compile the code: not measured (a Worker's isolate serves many requests
  // too). Then the feedback pull request they made is closed, and the next one opens a new one.
  let warmed = 0;
  for (const type of TYPES) for (let i = 0; i < (ctx.quick ? 5 : 10); i++) warmed = (await measure(type)).number;
  await fetch(`${github.apiUrl}/repos/${portal.github.repository}/pulls/${warmed}`, { method: 'PATCH', headers: { authorization: 'token bench', 'content-type': 'application/json' }, body: JSON.stringify({ state: 'closed' }) });
  const { branch } = await measure('feedback');
  let feedbackFiles = 1;
  // What Node's own HTTP client costs per GitHub call: a Worker's fetch is the runtime's, not counted as its CPU.
  const batches = [];
  for (let batch = 0; batch < 5; batch++) {
    const probing = process.cpuUsage();
    for (let i = 0; i < 40; i++) await (await fetch(`${github.apiUrl}/repos/${portal.github.repository}`, { headers: { authorization: 'token bench' } })).json();
    const probed = process.cpuUsage(probing);
    batches.push((probed.user + probed.system) / 1000 / 40);
  }
  const perCallMs = median(batches);
  const withoutClient = (cpuMs: number, calls: number) => Math.max(0, cpuMs - calls * perCallMs).toFixed(1);

  const folder = `content/feedback/${branch.replace(/^.*\/feedback\//, '').replace(/\.\d+$/, '')}/`;
  const runs = ctx.quick ? 5 : 15;
  const rows: string[][] = [];
  const figures: Record<string, unknown> = {};
  for (const pile of PILES) {
    const now = new Date().toISOString();
    const piled = Array.from({ length: pile - feedbackFiles - 1 }, (_, k): [string, string] => [
      `${folder}${(pile * 10_000 + k).toString(16).padStart(16, '0')}.yaml`,
      stringify({ page: '/guides/piled/', rating: (k % 5) + 1, category: 'docs', message: k % 2 ? `Piled ${k}.` : '', submitted: now }),
    ]);
    commitFiles(github.repoPath, branch, piled);
    const catchUp = await measure('feedback');
    feedbackFiles = pile;
    rows.push([`feedback, first after the pile (counts ${piled.length} files)`, String(pile), '1', catchUp.cpuMs.toFixed(1), withoutClient(catchUp.cpuMs, catchUp.calls), String(catchUp.calls)]);
    for (const type of TYPES) {
      const measured = [];
      for (let i = 0; i < runs; i++) measured.push(await measure(type));
      if (type === 'feedback') feedbackFiles += runs;
      const cpu = median(measured.map((m) => m.cpuMs));
      const calls = median(measured.map((m) => m.calls));
      rows.push([type, String(pile), String(runs), cpu.toFixed(1), withoutClient(cpu, calls), String(calls)]);
      figures[`${type}@${pile}`] = { requests: runs, cpuMsMedian: cpu, cpuMs: measured.map((m) => m.cpuMs), githubCallsMedian: calls };
    }
    figures[`feedbackCatchUp@${pile}`] = { cpuMs: catchUp.cpuMs, githubCalls: catchUp.calls, filesTakenIn: piled.length };
  }
  figures.httpClientCpuMsPerCall = perCallMs;

  return {
    table: {
      title: 'CPU per request (the handler in Node, the local GitHub in another process)',
      columns: ['request', 'feedback files in the PR', 'n', 'CPU ms (median)', '≈ without HTTP client', 'GitHub calls'],
      rows,
      notes: [
        "process.cpuUsage() of the handler's process across one request: GitHub's work is the child process's, waiting for it costs none.",
        `CPU ms includes Node's HTTP client (undici), about ${perCallMs.toFixed(2)} ms per small GitHub call here (median of 5 × 40 calls), which a Worker's fetch does not count; the next column takes that off per call.`,
      ],
    },
    figures,
  };
}
