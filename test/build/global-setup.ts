import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/site-copy.ts';

/** Builds the site into dist/ once for every build-output test. */
export default function setup() {
  const result = spawnSync('npx', ['astro', 'build'], {
    cwd: ROOT,
    encoding: 'utf-8',
    // vitest sets NODE_ENV=test, which would make Astro build a development site (no search).
    env: { ...process.env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) throw new Error(`astro build failed:\n${result.stdout}\n${result.stderr}`);
}
