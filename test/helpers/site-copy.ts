import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { astroBin } from '../../packages/platform-portal/src/dev/bins.ts';
import { BASICS, REPO_ROOT } from './fixtures.ts';

/**
 * Where copies live: inside the repository, so that they find its node_modules as the fixtures do,
 * and at the depth of test/fixtures/<scenario>/, so that a fixture's relative import of the
 * repository's own files (test/fixtures/day-two registers the demo's src/requests/) resolves from
 * its copy too.
 */
const COPIES = path.join(REPO_ROOT, 'test/.tmp');

export interface SiteCopy {
  dir: string;
  write(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Runs astro in the copy; `env` adds to the build's environment (see buildEnv). */
  run(args: string[], env?: Record<string, string>): Promise<{ code: number; output: string }>;
  dispose(): Promise<void>;
}

/**
 * A throw-away copy of a fixture site (test/fixtures/<scenario>/, the basics by default) to build
 * with changed content; `name` tells the copies apart in test/.tmp/ (test/.tmp/site-<name>-…).
 */
export async function copySite(name = 'site', source = BASICS): Promise<SiteCopy> {
  await mkdir(COPIES, { recursive: true });
  const dir = await mkdtemp(path.join(COPIES, `site-${name}-`));
  await cp(source, dir, { recursive: true, filter: (file) => !/[/\\](dist|\.astro|node_modules|\.wrangler)$/.test(file) });
  return {
    dir,
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    remove: (file) => rm(path.join(dir, file), { force: true }),
    run: (args, env) => run(process.execPath, [astroBin(dir), ...args], dir, env),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * The environment of a test build: NODE_ENV=production (under vitest it is "test", and Astro would
 * build a development site), and none of the developer's GITHUB_* variables, so that a token in
 * the shell never sends a test build to github.com; a test that wants a source passes its own.
 */
export function buildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_')));
  return { ...inherited, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

function run(command: string, args: string[], cwd: string, env?: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: buildEnv(env) });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
