/**
 * The usage exporter against a real Prometheus (Debian's package), started here on the starter
 * tenants' generated metrics plus a few hostile tenant names, and stopped at the end. The
 * exporter runs as `npm run usage:export` would: a child process, judged by its exit code,
 * its messages and the files it leaves.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testOctokit } from '../helpers/octokit.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { UsageFileSchema } from '../../packages/platform-portal/src/schemas/usage.ts';
import { fillQuery } from '../../packages/platform-portal/src/usage/promql.ts';
import { queryRange } from '../../packages/platform-portal/src/usage/prometheus.ts';
import { runUsageExport } from '../../packages/platform-portal/src/usage/run.ts';
import { startLocalGitHub, type LocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { startPrometheus, type LocalPrometheus } from '../../tools/prometheus.ts';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';
import { PORTAL_CLI } from '../helpers/cli.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { DEMO_DAYS, DEMO_END, demoData } from '../../tools/usage-demo/dataset.ts';
import { toOpenMetrics, type Family } from '../../tools/usage-demo/openmetrics.ts';

const STORAGE_QUERY = 'sum(kafka_log_size_bytes{tenant="{{tenant}}"}) / 1e9';
const LAST_DAY = Date.parse(`${DEMO_END}T00:00:00Z`) / 1000;

/** Tenant names that would rewrite the query if pasted in unescaped; each gets its own storage value. */
const HOSTILE = ['x"}) or vector(1) or sum(kafka_log_size_bytes{tenant="x', 'a"} or vector(1) #', 'back\\slash\\', 'line\nbreak', 'ünïcødé 🚀 租户'];
const hostileFamily: Family = {
  name: 'kafka_log_size_bytes',
  series: HOSTILE.map((tenant, k) => ({ labels: { tenant, topic: 'events' }, samples: [[LAST_DAY, (k + 1) * 1e9]] })),
};

const data = demoData();
// Each exporter run is a Node process of its own; on a busy machine a few take a while.
vi.setConfig({ testTimeout: 60_000 });
let root: string;
let prometheus: LocalPrometheus;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function exporter(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env, PROMETHEUS_URL: '', PROMETHEUS_TOKEN: '', ...extraEnv };
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, 'usage', 'export', ...args], { env, cwd: BASICS }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A folder of usage files as they were before a run: name → exact bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (name): Promise<[string, string]> => [name, await readFile(path.join(dir, name), 'utf8')])));
}

/** An output folder that already holds the starter files and one file of the team's own. */
async function existingFiles(name: string): Promise<string> {
  const out = path.join(root, name);
  await cp(path.join(BASICS, 'content/usage'), out, { recursive: true });
  await writeFile(path.join(out, 'notes.txt'), 'kept as is\n');
  return out;
}

/** A copy of content/services and content/tenants with one usage query replaced. */
async function contentWithQuery(name: string, service: string, unit: string, query: string): Promise<string> {
  const dir = path.join(root, name);
  await cp(path.join(BASICS, 'content/tenants'), path.join(dir, 'tenants'), { recursive: true });
  await cp(path.join(BASICS, 'content/services'), path.join(dir, 'services'), { recursive: true });
  const file = path.join(dir, 'services', `${service}.yaml`);
  const catalogEntry = parse(await readFile(file, 'utf8'));
  catalogEntry.quotas[unit].usage_query = query;
  await writeFile(file, stringify(catalogEntry));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'usage-export-test-'));
  prometheus = await startPrometheus({ openMetrics: toOpenMetrics([...data.families, hostileFamily]), dir: path.join(root, 'prometheus') });
});

afterAll(async () => {
  await prometheus?.stop();
  await rm(root, { recursive: true, force: true });
});

describe('usage export from Prometheus', () => {
  it('writes, for every tenant, exactly the series that were put in', async () => {
    const out = path.join(root, 'out');
    const run = await exporter(['--prometheus', prometheus.url, '--end', DEMO_END, '--days', String(DEMO_DAYS), '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${data.expected.size} usage file(s)`);

    expect((await readdir(out)).sort()).toEqual([...data.expected.keys()].map((tenant) => `${tenant}.json`).sort());
    for (const [tenant, series] of data.expected) {
      const text = await readFile(path.join(out, `${tenant}.json`), 'utf8');
      const file = UsageFileSchema.parse(JSON.parse(text));
      expect(file.tenant).toBe(tenant);
      expect(Date.now() - Date.parse(file.fetched_at)).toBeLessThan(60_000);
      expect(file.series).toEqual(series);
      expect(text.endsWith('}\n')).toBe(true);
    }
    // Linear, flat, accelerating, step and shrinking series, and a tenant onboarded inside the window.
    const checkout = data.expected.get('checkout')!;
    expect(checkout.find((s) => s.unit === 'partitions')!.points.map(([, v]) => v)).toContain(72);
    expect(data.expected.get('payments-ledger')![0]!.points[0]![0]).toBe('2026-11-10');
  });

  it('asks for the days given: --days 30 gives the last 30 days', async () => {
    const out = path.join(root, 'out-30');
    await runUsageExport({ contentDir: 'content', outDir: out, prometheus: { url: prometheus.url, timeoutMs: 5000 }, range: { end: DEMO_END, days: 30 }, now: new Date() });
    const file = UsageFileSchema.parse(JSON.parse(await readFile(path.join(out, 'checkout.json'), 'utf8')));
    for (const series of file.series) {
      expect(series.points).toHaveLength(30);
      expect(series.points.at(-1)![0]).toBe(DEMO_END);
      expect(series.points).toEqual(data.expected.get('checkout')!.find((s) => s.unit === series.unit && s.service === series.service)!.points.slice(-30));
    }
  });

  it('matches a hostile tenant name exactly: escaped, it selects its own series and cannot change the query', async () => {
    const range = { start: new Date(LAST_DAY * 1000), end: new Date(LAST_DAY * 1000), stepSeconds: 86_400 };
    const target = { url: prometheus.url, timeoutMs: 5000 };
    for (const [k, tenant] of HOSTILE.entries()) {
      const series = await queryRange(target, { ...range, query: fillQuery(STORAGE_QUERY, tenant) });
      expect(series.map((s) => s.values), tenant).toEqual([[[LAST_DAY, String(k + 1)]]]);
    }
    const absent = await queryRange(target, { ...range, query: fillQuery(STORAGE_QUERY, 'y"}) or vector(1) or sum(kafka_log_size_bytes{tenant="y') });
    expect(absent).toEqual([]);
    // The same name pasted in raw does rewrite the query: the test would notice a missing escape.
    const raw = await queryRange(target, { ...range, query: STORAGE_QUERY.replace('{{tenant}}', 'y"}) or vector(1) or sum(kafka_log_size_bytes{tenant="y') });
    expect(raw.map((s) => s.values)).toEqual([[[LAST_DAY, '1']]]);
  });
});

describe('usage export with --open-pr', () => {
  let github: LocalGitHub;
  beforeAll(async () => {
    github = await startLocalGitHub({ port: 0, repo: 'acme-platform/portal-config', dataDir: path.join(root, 'github'), seedFrom: BASICS, seedPaths: ['content/usage'] });
  });
  afterAll(() => github?.close());

  it('two runs with different data leave one open pull request holding the newer files', async () => {
    const env = { GITHUB_REPOSITORY: 'acme-platform/portal-config', GITHUB_BASE_BRANCH: 'main', GITHUB_API_URL: github.apiUrl, GITHUB_TOKEN: 'test-token', GITHUB_WRITE_INTERVAL_MS: '0' };
    const out = path.join(root, 'out-pr');
    const older = await exporter(['--prometheus', prometheus.url, '--end', '2026-11-23', '--out', out, '--open-pr'], env);
    expect(older.stdout).toMatch(/Pull request #(\d+) opened/);
    const newer = await exporter(['--prometheus', prometheus.url, '--end', DEMO_END, '--out', out, '--open-pr'], env);
    expect(newer.code).toBe(0);
    const number = Number(/Pull request #(\d+) updated/.exec(newer.stdout)![1]);

    const octokit = testOctokit({ auth: 'test-token', baseUrl: github.apiUrl });
    const open = (await octokit.rest.pulls.list({ owner: 'acme-platform', repo: 'portal-config', state: 'open' })).data;
    expect(open.map((pr) => pr.number)).toEqual([number]);
    for (const tenant of data.expected.keys()) {
      const { data: file } = await octokit.rest.repos.getContent({ owner: 'acme-platform', repo: 'portal-config', path: `content/usage/${tenant}.json`, ref: 'usage/refresh' });
      expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toBe(await readFile(path.join(out, `${tenant}.json`), 'utf8'));
    }
  });
});

// Each case runs the exporter in its own folders: they can run at once.
describe.concurrent('a failing Prometheus changes nothing', () => {
  let silent: Server;
  let proxy: Server;
  beforeAll(async () => {
    // Accepts connections and never answers: a Prometheus stuck on a heavy query.
    silent = createServer(() => {});
    // Answers like a proxy in front of a Prometheus that is down.
    proxy = createServer((_, response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>'));
    await Promise.all([silent, proxy].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await Promise.all([silent, proxy].map((server) => new Promise((resolve) => server.close(resolve))));
  });
  const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  // Four queries run at once, so the first to fail is one of the first tenant's first four.
  const firstQueries = /for the query (sum|count)\([\w:]+\{tenant="checkout"\}\)( \/ 1e[69])?[;.]/;
  const anyTenant = (query: string) => new RegExp(`the query ${query.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace('TENANT', '[a-z-]+')}`);

  async function expectFailure(name: string, args: string[], message: RegExp, query: RegExp): Promise<void> {
    const out = await existingFiles(name);
    const before = await snapshot(out);
    const run = await exporter([...args, '--end', DEMO_END, '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(query);
    expect(run.stderr).toContain('No usage file was written; the existing ones are unchanged.');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(await snapshot(out)).toEqual(before);
  }

  it('down (nothing listens on the port): exit 1, the query named, every file as it was', async () => {
    const port = await freePort();
    await expectFailure('down', ['--prometheus', `http://127.0.0.1:${port}`], /could not be reached \(ECONNREFUSED\)/, firstQueries);
  });

  it('slow (no answer within --timeout-ms): exit 1, the query named, every file as it was', async () => {
    await expectFailure('slow', ['--prometheus', urlOf(silent), '--timeout-ms', '300'], /did not answer within 300 ms/, firstQueries);
  });

  it('an answer that is not Prometheus JSON: exit 1, the query named, every file as it was', async () => {
    await expectFailure('proxy', ['--prometheus', urlOf(proxy)], /answered HTTP 502 with a body that is not JSON/, firstQueries);
  });

  it('a query Prometheus refuses: its error, the query named, every file as it was', async () => {
    const content = await contentWithQuery('bad-query', 'clickhouse', 'storage_gb', 'sum(rate(clickhouse_tenant_disk_bytes{tenant="{{tenant}}"}))');
    await expectFailure(
      'refused',
      ['--prometheus', prometheus.url, '--content', content],
      /refused with HTTP 400, bad_data: .*range vector/,
      anyTenant('sum(rate(clickhouse_tenant_disk_bytes{tenant="TENANT"}))'),
    );
  });

  it('a query that gives more than one series per tenant: exit 1, the query named, every file as it was', async () => {
    const content = await contentWithQuery('many-series', 'kafka', 'storage_gb', 'kafka_log_size_bytes{tenant="{{tenant}}"} / 1e9');
    await expectFailure('many', ['--prometheus', prometheus.url, '--content', content], /returned 3 series .* where one is needed; aggregate them/, anyTenant('kafka_log_size_bytes{tenant="TENANT"} / 1e9'));
  });

  it('bad arguments: exit 2 with the usage line, nothing fetched', async () => {
    const run = await exporter(['--prometheus', 'ftp://example.com', '--days', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--prometheus: give the Prometheus base URL');
    expect(run.stderr).toContain('--days:');
    expect(run.stderr).toContain('Usage: platform-portal usage export');
  });

  it('invalid content: exit 1 naming the file and the field', async () => {
    const dir = path.join(root, 'bad-content');
    await cp(path.join(BASICS, 'content/services'), path.join(dir, 'services'), { recursive: true });
    await mkdir(path.join(dir, 'tenants'));
    await writeFile(path.join(dir, 'tenants', 'acme.yaml'), stringify({ name: 'Acme', slug: 'acme', services: {} }));
    const run = await exporter(['--prometheus', prometheus.url, '--content', dir, '--out', path.join(root, 'unused')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${path.join(dir, 'tenants', 'acme.yaml')} → owners:`);
  });
});
