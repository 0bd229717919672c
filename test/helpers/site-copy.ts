import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Everything `astro build` reads (a config file missing here silently builds a different site). */
const PROJECT_FILES = ['astro.config.mjs', 'ec.config.mjs', 'portal.config.ts', 'package.json', 'tsconfig.json', 'wrangler.toml', 'src', 'content', 'public', 'functions'];

export interface SiteCopy {
  dir: string;
  write(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  /** Runs astro in the copy; `env` adds to the build's environment (see buildEnv). */
  run(args: string[], env?: Record<string, string>): Promise<{ code: number; output: string }>;
  dispose(): Promise<void>;
}

/**
 * A throw-away copy of the site to build with changed content. node_modules is hard-linked, not
 * symlinked: Vite resolves symlinks to their real path and then cannot match the project's files.
 */
export async function copySite(prefix = 'portal-site-'): Promise<SiteCopy> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // A clean clone has no empty folders (git keeps none): copy what is there.
  for (const entry of PROJECT_FILES.filter((e) => existsSync(path.join(ROOT, e)))) await cp(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  await run('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules')], dir);
  // Caches are written in place: hard-linked, a build of the copy would rewrite the project's own.
  for (const cache of ['.astro', '.vite']) await rm(path.join(dir, 'node_modules', cache), { recursive: true, force: true });
  return {
    dir,
    async write(file, text) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    },
    remove: (file) => rm(path.join(dir, file), { force: true }),
    run: (args, env) => run(path.join(dir, 'node_modules/.bin/astro'), args, dir, env),
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
