/**
 * `platform-portal local-github`: starts the local GitHub on its own. Defaults come from the site's
 * portal.config.ts; the first start seeds the repository from the site's content/.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultOption } from '../dev/local-github/faults.ts';
import { resetData, startLocalGitHub } from '../dev/local-github/server.ts';
import { PROJECT_SEED_PATHS } from '../dev/local-github/seed.ts';
import type { Site } from './site.ts';

export const LOCAL_GITHUB_HELP = `Usage: platform-portal local-github [options]
  --port N          port on 127.0.0.1 (default 8790; 0 = any free port)
  --repo owner/name repository to serve (default: github.repository of portal.config.ts)
  --base BRANCH     base branch (default: github.baseBranch of portal.config.ts)
  --data DIR        state folder (default .local/github)
  --seed DIR        folder whose content/ seeds a new repository (default: the site)
  --reset           delete the repository and metadata, then start fresh
  --reset-only      delete them and exit
  --token T[=login] accept only these tokens (repeatable); any token when absent
  --fault SPEC      arm a fault, JSON or "kind=502,route=create-pull,times=2" (repeatable)
  --quiet           do not log requests
  Prints an admin token made at each start: /_admin/* (faults, call counts) answers only
  Authorization: Bearer <token>, so that a web page cannot arm faults.`;

export async function localGitHub(argv: string[], site: Site): Promise<void> {
  const { values: given } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8790' },
      repo: { type: 'string' },
      base: { type: 'string' },
      data: { type: 'string', default: resolve(site.root, '.local/github') },
      seed: { type: 'string', default: site.root },
      reset: { type: 'boolean', default: false },
      'reset-only': { type: 'boolean', default: false },
      token: { type: 'string', multiple: true },
      fault: { type: 'string', multiple: true },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  // The site's config only for what the flags leave out: the local GitHub can serve any repository.
  const { repository, baseBranch } = given.repo && given.base ? { repository: given.repo, baseBranch: given.base } : (await site.config()).github;
  const values = { ...given, repo: given.repo ?? repository, base: given.base ?? baseBranch };

  const dataDir = resolve(values.data);
  if (values['reset-only']) {
    await resetData(dataDir, values.repo);
    console.log(`Removed ${values.repo} from ${dataDir}.`);
    return;
  }
  const tokens = values.token
    ? Object.fromEntries(values.token.map((entry) => {
        const [token = '', login = 'local-dev'] = entry.split('=');
        return [token, login];
      }))
    : undefined;

  const server = await startLocalGitHub({
    port: Number(values.port),
    repo: values.repo,
    baseBranch: values.base,
    dataDir,
    seedFrom: resolve(values.seed),
    seedPaths: PROJECT_SEED_PATHS,
    reset: values.reset,
    ...(tokens ? { tokens } : {}),
    faults: (values.fault ?? []).map(parseFaultOption),
    ...(values.quiet ? {} : { log: (line: string) => console.log(line) }),
  });

  console.log(`Local GitHub API: ${server.apiUrl}`);
  console.log(`Web view: ${server.webUrl}/`);
  console.log(`Repository ${values.repo} at ${server.repoPath}`);
  console.log(`Admin token: ${server.adminToken} (for /_admin/*, as Authorization: Bearer <token>; new at each start)`);

  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(() => process.exit(0));
    });
  }
}
