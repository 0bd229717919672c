/**
 * `platform-portal start`: the whole loop on one machine (dev/local-portal.ts), until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { startLocalPortal } from '../dev/local-portal.ts';
import type { Site } from './site.ts';

export const START_HELP = `Usage: platform-portal start [--reset] [--no-build]
  Builds the site and serves it on http://127.0.0.1:8788/ with its functions, against a local
  GitHub on http://127.0.0.1:8790/ seeded from content/ (kept in .local/github). The site is built
  from the local GitHub's base branch and rebuilt when a pull request is merged into it. The rate
  limits Worker of rate-limits.wrangler.toml, if the site has one, runs beside the functions.
  --reset      start the local repository afresh from content/
  --no-build   serve the last build
  PORT and GITHUB_PORT change the ports.`;

export async function start(argv: string[], site: Site): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { reset: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false } } });
  const config = await site.config();
  const stack = await startLocalPortal({
    root: site.root,
    config,
    sitePort: Number(process.env.PORT ?? 8788),
    githubPort: Number(process.env.GITHUB_PORT ?? 8790),
    reset: values.reset,
    inheritOutput: true,
    build: !values['no-build'],
    log: (line) => console.log(`\n  ${line}\n`),
    warn: (line) => console.warn(`\n  ${line}\n`),
  });

  console.log(`
  ${config.title.padEnd(22)} ${stack.siteUrl}/
  Local GitHub (PRs)     ${stack.github.webUrl}
  Local GitHub API       ${stack.github.apiUrl}
  Local GitHub admin     Authorization: Bearer ${stack.github.adminToken} (for /_admin/*: faults, call counts)

  Requests open pull requests in the local GitHub; merge one there and the site is rebuilt.
  Ctrl-C stops everything.
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
