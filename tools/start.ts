/**
 * `npm start`: builds the site, then serves it with its functions and the local GitHub, and
 * stops both on Ctrl-C. PORT and GITHUB_PORT choose the ports (8788 and 8790).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startDevStack } from './dev-stack.ts';

const root = path.resolve(import.meta.dirname, '..');
const skipBuild = process.argv.includes('--no-build');

if (!skipBuild) {
  const build = spawnSync(path.join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const stack = await startDevStack({
  root,
  sitePort: Number(process.env.PORT ?? 8788),
  githubPort: Number(process.env.GITHUB_PORT ?? 8790),
  reset: process.argv.includes('--reset'),
  inheritOutput: true,
});

console.log(`
  Platform Portal        ${stack.siteUrl}/
  Local GitHub (PRs)     ${stack.github.webUrl}
  Local GitHub API       ${stack.github.apiUrl}

  Requests open pull requests in the local GitHub; Ctrl-C stops everything.
`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
stack.wrangler.process.once('exit', (code) => {
  if (!stopping) {
    console.error(`wrangler stopped (exit ${code}); stopping the local GitHub too.`);
    void stack.stop().then(() => process.exit(1));
  }
});
