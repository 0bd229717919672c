/**
 * `platform-portal start`: starts the local GitHub, builds the site against it (the scorecard reads
 * its pull requests), then serves the site with its functions, and stops everything on Ctrl-C.
 * PORT and GITHUB_PORT choose the ports (8788 and 8790); --no-build serves the last build;
 * --reset starts the local repository afresh.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { siteBuildEnv, startDevStack } from '../dev/dev-stack.ts';
import { astroBin } from '../dev/bins.ts';
import type { LocalGitHub } from '../dev/local-github/server.ts';
import type { PortalConfig } from '../schemas/site-config.ts';
import type { Site } from './site.ts';

export const START_HELP = `Usage: platform-portal start [--reset] [--no-build]
  Builds the site and serves it on http://127.0.0.1:8788/ with its functions, against a local
  GitHub on http://127.0.0.1:8790/ seeded from content/ (kept in .local/github).
  --reset      start the local repository afresh
  --no-build   serve the last build
  PORT and GITHUB_PORT change the ports.`;

/** Not spawnSync: the local GitHub answers the build's requests from this process's event loop. */
async function build(root: string, config: PortalConfig, github: LocalGitHub): Promise<void> {
  const env = { ...process.env, ...(await siteBuildEnv(github, root, config)), ASTRO_TELEMETRY_DISABLED: '1' };
  const child = spawn(process.execPath, [astroBin(root), 'build'], { cwd: root, stdio: 'inherit', env });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`astro build failed (exit ${code}); see its output above.`);
}

export async function start(argv: string[], site: Site): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { reset: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } } });
  const config = await site.config();
  const stack = await startDevStack({
    root: site.root,
    config,
    sitePort: Number(process.env.PORT ?? 8788),
    githubPort: Number(process.env.GITHUB_PORT ?? 8790),
    reset: values.reset,
    inheritOutput: true,
    ...(values['no-build'] ? {} : { prepareSite: (github) => build(site.root, config, github) }),
  });

  console.log(`
  ${config.title.padEnd(22)} ${stack.siteUrl}/
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
}
