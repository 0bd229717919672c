/**
 * `npm start`: starts the local GitHub, builds the site against it (the scorecard reads its pull
 * requests), then serves the site with its functions, and stops everything on Ctrl-C. PORT and
 * GITHUB_PORT choose the ports (8788 and 8790); --no-build serves the last build.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { siteBuildEnv, startDevStack } from '../dev/dev-stack.ts';
import type { LocalGitHub } from '../dev/local-github/server.ts';

const root = path.resolve(import.meta.dirname, '..');
const skipBuild = process.argv.includes('--no-build');

/** Not spawnSync: the local GitHub answers the build's requests from this process's event loop. */
async function build(github: LocalGitHub): Promise<void> {
  const env = { ...process.env, ...(await siteBuildEnv(github, root)), ASTRO_TELEMETRY_DISABLED: '1' };
  const child = spawn(path.join(root, 'node_modules/.bin/astro'), ['build'], { cwd: root, stdio: 'inherit', env });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`astro build failed (exit ${code}); see its output above.`);
}

const stack = await startDevStack({
  root,
  sitePort: Number(process.env.PORT ?? 8788),
  githubPort: Number(process.env.GITHUB_PORT ?? 8790),
  reset: process.argv.includes('--reset'),
  inheritOutput: true,
  ...(skipBuild ? {} : { prepareSite: build }),
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
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
