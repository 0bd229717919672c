/**
 * A throw-away Prometheus on 127.0.0.1 over samples from an OpenMetrics text: promtool turns the
 * text into TSDB blocks (https://prometheus.io/docs/prometheus/latest/storage/#backfilling-from-openmetrics-format),
 * Prometheus serves them. For `npm run usage:demo` and the usage tests.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../packages/platform-portal/src/dev/ports.ts';

export interface LocalPrometheus {
  url: string;
  stop(): Promise<void>;
}

const run = promisify(execFile);
const READY_TIMEOUT_MS = 30_000;

function missing(tool: string, error: unknown): Error {
  const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
  return new Error(notFound ? `${tool} is not installed; install Debian's prometheus package (apt-get install prometheus).` : `${tool} failed: ${(error as Error).message}`, { cause: error });
}

/** Writes the samples as TSDB blocks under `dir`/data, then starts Prometheus on them; resolves once it is ready. */
export async function startPrometheus({ openMetrics, dir }: { openMetrics: string; dir: string }): Promise<LocalPrometheus> {
  const input = path.join(dir, 'samples.om');
  const data = path.join(dir, 'data');
  const config = path.join(dir, 'prometheus.yml');
  await mkdir(dir, { recursive: true });
  await writeFile(input, openMetrics);
  // No scrape jobs: an empty configuration is a valid one.
  await writeFile(config, '');
  // Long blocks: the default two hours would make one block per day of samples.
  await run('promtool', ['tsdb', 'create-blocks-from', '--max-block-duration=2400h', 'openmetrics', '--quiet', input, data]).catch((error: unknown) => {
    throw missing('promtool', error);
  });

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'prometheus',
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      // The samples are months old; the default 15 days would delete them on start.
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawned = await new Promise<unknown>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawned) throw missing('prometheus', spawned);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}:\n${log}`);
    const ready = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ready) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus was not ready on ${url} within ${READY_TIMEOUT_MS / 1000} s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
