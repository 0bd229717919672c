import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports.ts';
import { wranglerBin } from './bins.ts';

export interface WranglerDev {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface WranglerDevOptions {
  root: string;
  port: number;
  /** Values the functions read from their environment (`context.env`). */
  bindings: Record<string, string>;
  /** Wrangler's local state; parallel instances (tests) each need their own. */
  persistTo?: string;
  /** Show wrangler's own output (npm start) or keep it for errors only (tests, bench). */
  inheritOutput?: boolean;
  /**
   * Configs of Workers to run beside the site in the same runtime (the rate limits Worker), which
   * its service bindings reach. They need the site's own wrangler.toml, which is read first.
   */
  workers?: string[];
  /** Service bindings to add or replace: binding name → Worker name. */
  services?: Record<string, string>;
}

/** Starts `wrangler pages dev dist` on loopback and resolves once it answers HTTP. */
export async function startWranglerDev(options: WranglerDevOptions): Promise<WranglerDev> {
  const { root, port, bindings, persistTo = path.join(root, '.wrangler/state'), inheritOutput = false, workers = [], services = {} } = options;
  const args = ['pages', 'dev', 'dist', '--ip', '127.0.0.1', '--port', String(port), '--log-level', inheritOutput ? 'info' : 'warn'];
  // `wrangler pages dev -c wrangler.toml -c other.toml` runs the other Workers too: the first config must be the Pages project's.
  if (workers.length > 0) {
    if (!existsSync(path.join(root, 'wrangler.toml'))) throw new Error(`${root} has no wrangler.toml: wrangler pages dev runs other Workers beside a site only with the site's own config.`);
    for (const config of ['wrangler.toml', ...workers]) args.push('-c', config);
  }
  for (const [binding, worker] of Object.entries(services)) args.push('--service', `${binding}=${worker}`);
  // Each wrangler needs its own inspector port, or a second one (tests run two) fails to start.
  args.push('--inspector-port', String(await freePort()));
  args.push('--show-interactive-dev-session=false', '--persist-to', persistTo);
  for (const [key, value] of Object.entries(bindings)) args.push('--binding', `${key}=${value}`);
  const child = spawn(process.execPath, [wranglerBin(), ...args], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
    stdio: inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler pages dev exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`wrangler pages dev did not answer on ${url} within 60 s:\n${output}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
