/**
 * `npm run usage:demo [-- --serve]`: starts a local Prometheus on the starter tenants' generated
 * metrics and runs the exporter against it, rewriting content/usage/*.json. With --serve,
 * Prometheus keeps running (until Ctrl-C) for trying `npm run usage:export` by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runUsageExport } from '../../packages/platform-portal/src/usage/run.ts';
import { startPrometheus } from '../prometheus.ts';
import { DEMO_DAYS, DEMO_END, demoData } from './dataset.ts';
import { toOpenMetrics } from './openmetrics.ts';

const { values } = parseArgs({ options: { serve: { type: 'boolean', default: false } } });
const dir = await mkdtemp(path.join(tmpdir(), 'usage-demo-'));
const prometheus = await startPrometheus({ openMetrics: toOpenMetrics(demoData().families), dir });
const cleanUp = async () => {
  await prometheus.stop();
  await rm(dir, { recursive: true, force: true });
};

try {
  // A fixed fetch time: the morning after the last day, so that re-running gives the same files.
  const now = new Date(Date.parse(`${DEMO_END}T00:00:00Z`) + 30 * 3_600_000);
  const result = await runUsageExport({ contentDir: 'content', prometheus: { url: prometheus.url, timeoutMs: 10_000 }, range: { end: DEMO_END, days: DEMO_DAYS }, now });
  console.log(`Wrote ${result.written.map((file) => path.relative(process.cwd(), file)).join(', ')}.`);
} catch (error) {
  await cleanUp();
  throw error;
}

if (values.serve) {
  console.log(`Prometheus with the demo metrics: ${prometheus.url} (Ctrl-C stops it). Try:\n  npm run usage:export -- --prometheus ${prometheus.url} --end ${DEMO_END} --out /tmp/usage`);
  process.once('SIGINT', () => void cleanUp());
} else {
  await cleanUp();
}
