/**
 * Requests: the functions in wrangler against the local GitHub. Per request type, latency p50/p95
 * and GitHub API calls per request (counted by the local GitHub); then a burst of distinct
 * onboarding requests at concurrency 10: pull requests opened, errors and duplicates; then the CPU
 * time of each request type, with 10 and 800 files in the rolling feedback pull request
 * (request-cpu.ts).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { parse } from 'yaml';
import { ServiceSchema } from '../packages/platform-portal/src/schemas/service.ts';
import { TenantSchema } from '../packages/platform-portal/src/schemas/tenant.ts';
import { BASICS } from '../test/helpers/fixtures.ts';
import { startOnFreePorts } from '../test/helpers/free-ports.ts';
import os from 'node:os';
import path from 'node:path';
import { startDevStack } from '../packages/platform-portal/src/dev/dev-stack.ts';
import { freePort } from '../packages/platform-portal/src/dev/ports.ts';
import { REQUEST_TYPES } from '../packages/platform-portal/src/requests/index.ts';
import type { BenchContext, Section } from './context.ts';
import { requestCpu } from './request-cpu.ts';
import portal from '../test/fixtures/basics/portal.config.ts';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

/** Every tenant × quota unit of the catalog: one capacity request each never conflicts with another. */
export async function capacityTargets(): Promise<{ tenant: string; service: string; unit: string; value: number }[]> {
  const dir = (d: string) => readdir(path.join(BASICS, 'content', d)).then((files) => files.filter((f) => f.endsWith('.yaml')));
  const services = await Promise.all((await dir('services')).map(async (f) => [f.replace('.yaml', ''), ServiceSchema.parse(parse(await readFile(path.join(BASICS, 'content/services', f), 'utf-8')))] as const));
  const tenants = await Promise.all((await dir('tenants')).map(async (f) => TenantSchema.parse(parse(await readFile(path.join(BASICS, 'content/tenants', f), 'utf-8')))));
  return tenants.flatMap((t) =>
    services.flatMap(([service, s]) =>
      Object.entries(s.quotas).map(([unit, q]) => ({ tenant: t.slug, service, unit, value: t.services[service]?.[unit] === q.maximum ? q.maximum - 1 : q.maximum })),
    ),
  );
}

/** Distinct valid requests of each type, so none is refused as a duplicate. */
export function requestBody(type: keyof typeof REQUEST_TYPES, i: number, targets: Awaited<ReturnType<typeof capacityTargets>>): unknown {
  if (type === 'onboarding') return { ...REQUEST_TYPES.onboarding.example, name: `Bench team ${i}`, slug: `bench-team-${i}` };
  if (type === 'capacity') return { ...REQUEST_TYPES.capacity.example, ...targets[i % targets.length] };
  return { ...REQUEST_TYPES.feedback.example, rating: (i % 5) + 1, message: `Bench feedback ${i}` };
}

async function run(ctx: BenchContext) {
  const dist = await ctx.portalDist();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-bench-github-'));
  const stack = await startOnFreePorts(async () =>
    startDevStack({ root: path.dirname(dist), config: portal, sitePort: await freePort(), githubPort: await freePort(), dataDir }),
  );
  ctx.defer(async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  const admin = (p: string, method = 'GET') =>
    fetch(`${stack.github.apiUrl}/_admin/${p}`, { method, headers: { authorization: `Bearer ${stack.github.adminToken}` } }).then((r) => r.json());
  const post = async (type: string, body: unknown, key: string) => {
    const started = performance.now();
    const response = await fetch(`${stack.siteUrl}/api/requests/${type}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const json = await response.json();
    return { status: response.status, ms: performance.now() - started, json };
  };

  const targets = await capacityTargets();
  const perType = Math.min(ctx.quick ? 5 : 30, targets.length);
  const rows: string[][] = [];
  const figures: Record<string, unknown> = {};
  for (const type of Object.keys(REQUEST_TYPES) as (keyof typeof REQUEST_TYPES)[]) {
    const latencies: number[] = [];
    const calls: number[] = [];
    for (let i = 0; i < perType; i++) {
      await admin('stats/reset', 'POST');
      const r = await post(type, requestBody(type, type === 'capacity' ? i : 1000 + i, targets), `bench-${type}-${i}-latency`);
      if (r.status >= 300) throw new Error(`${type} request ${i} answered ${r.status}: ${JSON.stringify(r.json)}`);
      latencies.push(r.ms);
      calls.push((await admin('stats')).total);
    }
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const meanCalls = calls.reduce((a, b) => a + b, 0) / calls.length;
    rows.push([type, String(perType), p50.toFixed(0), p95.toFixed(0), meanCalls.toFixed(1), String(Math.min(...calls)), String(Math.max(...calls))]);
    figures[type] = { requests: perType, p50Ms: p50, p95Ms: p95, githubCallsMean: meanCalls, githubCallsMin: Math.min(...calls), githubCallsMax: Math.max(...calls) };
  }

  const burst = ctx.quick ? 30 : 200;
  const before = (await admin('stats')).total;
  const started = performance.now();
  const results: { status: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < burst) {
        const i = next++;
        results.push(await post('onboarding', requestBody('onboarding', i, targets), `bench-burst-${i}`));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const pulls = await listBurstPulls(stack.github.apiUrl);
  const branches = pulls.map((p) => p.head.ref);
  const duplicates = branches.length - new Set(branches).size;
  const errors = results.filter((r) => r.status >= 300).length;
  figures.burst = { requests: burst, concurrency: 10, seconds, pullRequests: pulls.length, errors, duplicates, githubCalls: (await admin('stats')).total - before };

  ctx.log('CPU per request: the handler in this process, the local GitHub in another');
  const cpu = await requestCpu(ctx, { dist, body: (type, i) => requestBody(type, i, targets) });
  figures.cpu = cpu.figures;
  return {
    tables: [
      {
        title: 'Requests (functions in wrangler, local GitHub)',
        columns: ['type', 'n', 'p50 ms', 'p95 ms', 'GitHub calls', 'min', 'max'],
        rows,
        notes: ['GitHub calls per request include labels; onboarding writes a new file, capacity reads the tenant file first.'],
      },
      {
        title: `Burst: ${burst} distinct onboarding requests at concurrency 10`,
        columns: ['requests', 'PRs opened', 'errors', 'duplicates', 'seconds', 'req/s'],
        rows: [[String(burst), String(pulls.length), String(errors), String(duplicates), seconds.toFixed(1), (burst / seconds).toFixed(1)]],
      },
      cpu.table,
    ],
    figures,
  };
}

/** The burst's pull requests (not the latency runs', whose slugs are bench-team-1000 and up). */
async function listBurstPulls(apiUrl: string): Promise<{ head: { ref: string } }[]> {
  const all: { head: { ref: string } }[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${apiUrl}/repos/${portal.github.repository}/pulls?state=all&per_page=100&page=${page}`, { headers: { authorization: 'token bench' } });
    const batch = (await response.json()) as { head: { ref: string } }[];
    all.push(...batch.filter((p) => p.head.ref.includes('/onboarding/bench-team-') && !/bench-team-1\d{3}$/.test(p.head.ref)));
    if (batch.length < 100) return all;
  }
}

export const requestsSection: Section = { key: 'requests', title: 'Requests', run };
