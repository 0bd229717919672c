import { cp, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_RATE_LIMITS, RATE_LIMITS_CONFIG_FILE, RATE_LIMITS_MAIN, rateLimitsConfig, rateLimitsService, rateLimitsWorkerName } from '../rate-limits/config.ts';

export interface StarterAnswers {
  title: string;
  team: string;
  repository: string;
  baseBranch: string;
  site: string;
}

export interface StarterDependencies {
  /** The platform-portal dependency, e.g. ^1.2.0 or file:/tmp/platform-portal-1.2.0.tgz. */
  portal: string;
  /** The package's peer dependencies (astro, Starlight), which the site installs itself. */
  peers: Record<string, string>;
}

const STARTER = fileURLToPath(new URL('../../starter/', import.meta.url));

/**
 * The Node the site's npm scripts run on, whatever the machine has: a site's `npm install` on a
 * system Node 20 still gets a Node that runs Astro and the portal.
 */
const NODE_VERSION = '^26.10.0';

/** Packages whose install scripts npm runs in the new site (npm 11 asks for each). */
const INSTALL_SCRIPTS = ['esbuild', 'node', 'workerd'];

/** Files npm pack would drop or treat specially under their real names: stored without the dot. */
const RENAMED: Record<string, string> = { gitignore: '.gitignore', github: '.github', 'dev.vars.example': '.dev.vars.example' };

/** Files with __BASE_BRANCH__ and __REPOSITORY__ in them. */
const WITH_PLACEHOLDERS = ['.github/workflows/site.yml', '.dev.vars.example'];

const slugOf = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'platform-portal';

/** A text for a Markdown heading or paragraph: the characters Markdown would read as markup, escaped. */
const markdownText = (text: string) => text.replace(/[\\`*_[\]<>#|!~]/g, (c) => `\\${c}`);

function portalConfig(a: StarterAnswers): string {
  // Values are written as JSON strings: valid TypeScript, whatever the answers hold.
  const q = JSON.stringify;
  return `/**
 * The portal's configuration: the site, the repository requests open pull requests against, and
 * the team. Checked when the site builds, when the functions start and by \`platform-portal check\`.
 */
import { definePortalConfig } from 'platform-portal/config';

export default definePortalConfig({
  title: ${q(a.title)},
  description: ${q(`Guides, runbooks, the service catalog and self-service requests of ${a.team}.`)},
  site: ${q(a.site)},
  team: ${q(a.team)},
  github: {
    repository: ${q(a.repository)},
    baseBranch: ${q(a.baseBranch)},
  },
  // Roadmap and changelog areas that are not services.
  themes: ['developer-experience', 'security'],
  requests: {
    // GitHub users and teams asked to review every request.
    reviewers: [],
    teamReviewers: [],
  },
  community: {
    channels: [],
  },
});
`;
}

function packageJson(name: string, deps: StarterDependencies): string {
  return `${JSON.stringify(
    {
      name,
      private: true,
      type: 'module',
      scripts: {
        dev: 'astro dev',
        start: 'platform-portal start',
        build: 'astro build',
        check: 'platform-portal check',
        test: 'platform-portal check && astro build',
        'local-github': 'platform-portal local-github',
        'usage:export': 'platform-portal usage export',
        'access:expire': 'platform-portal access expire',
      },
      dependencies: { ...deps.peers, 'platform-portal': deps.portal },
      devDependencies: { node: NODE_VERSION },
      allowScripts: Object.fromEntries(INSTALL_SCRIPTS.map((name) => [name, true])),
    },
    null,
    2,
  )}\n`;
}

function wranglerToml(name: string): string {
  return `# Cloudflare Pages project: the built site (dist/) plus the Pages Functions in functions/.
name = ${JSON.stringify(name)}
pages_build_output_dir = "./dist"
compatibility_date = "2026-11-01"
compatibility_flags = ["nodejs_compat"]

${rateLimitsService(rateLimitsWorkerName(name))}`;
}

function readme(a: StarterAnswers): string {
  return `# ${markdownText(a.title)}

The docs and self-service portal of ${markdownText(a.team)}: guides and runbooks with search, the
service catalog, the tenants, the roadmap and the changelog, and forms that turn requests into pull
requests against this repository. Built with [platform-portal](https://www.npmjs.com/package/platform-portal).

## Two commands

\`\`\`sh
npm install && npm start   # builds the site and serves it on http://127.0.0.1:8788/, with a local GitHub
npm test                   # checks the content and builds the site
\`\`\`

\`npm start\` needs no credentials: requests open pull requests in a local GitHub
(http://127.0.0.1:8790/), where you can review and merge them and see the site rebuilt.

## What is here

- \`content/\`: the portal's content: guides and runbooks (\`docs/\`), services, tenants, roadmap and
  changelog. Requests change these files through pull requests.
- \`portal.config.ts\`: the site's title, repository and team; \`platform-portal check\` checks it.
- \`astro.config.mjs\`, \`ec.config.mjs\`, \`src/content.config.ts\`, \`functions/\`: one-line hookups of
  the package. Nothing to edit there; an upgrade is \`npm update platform-portal\`.
- \`.github/workflows/\`: the site's check on every pull request, the daily usage export, and the daily pull request that removes expired access grants.
- \`.github/CODEOWNERS\`: who approves what. Its last block makes each tenant's owners the code owners
  of the tenant's file; \`npx platform-portal codeowners\` rewrites it after a change to the owners, and
  the check fails until it does. Your own lines go above the block.

## Deploy

Deploy the rate limits Worker first (\`npx wrangler deploy -c ${RATE_LIMITS_CONFIG_FILE}\`: each
person's limits on the requests API, bound in \`wrangler.toml\`). Then create a Cloudflare Pages
project on this repository (build command \`npm run build\`, output \`dist\`), put Cloudflare Access
in front of it, and set the functions' variables listed in \`.dev.vars.example\`. The reference of
platform-portal (its repository's demo site, the section Reference) says more: configuration,
content formats, the requests API, deployment and upgrading.
`;
}

async function replacePlaceholders(file: string, a: StarterAnswers): Promise<void> {
  const text = await readFile(file, 'utf-8');
  // YAML and dotenv both read a JSON string as the string; the answers were checked before.
  const yamlFile = file.endsWith('.yml');
  const value = (v: string) => (yamlFile ? JSON.stringify(v) : v);
  await writeFile(file, text.replaceAll('__BASE_BRANCH__', value(a.baseBranch)).replaceAll('__REPOSITORY__', value(a.repository)));
}

/** Writes the site into `target` (new or empty) and returns how many files it holds. */
export async function writeStarter(target: string, answers: StarterAnswers, deps: StarterDependencies): Promise<number> {
  await mkdir(target, { recursive: true });
  await cp(STARTER, target, { recursive: true });
  for (const [stored, real] of Object.entries(RENAMED)) await rename(path.join(target, stored), path.join(target, real));
  for (const file of WITH_PLACEHOLDERS) await replacePlaceholders(path.join(target, file), answers);
  const name = slugOf(path.basename(target));
  await writeFile(path.join(target, 'portal.config.ts'), portalConfig(answers));
  await writeFile(path.join(target, 'package.json'), packageJson(name, deps));
  await writeFile(path.join(target, 'wrangler.toml'), wranglerToml(name));
  await writeFile(path.join(target, RATE_LIMITS_CONFIG_FILE), rateLimitsConfig({ name: rateLimitsWorkerName(name), main: RATE_LIMITS_MAIN, limits: DEFAULT_RATE_LIMITS }));
  await writeFile(path.join(target, 'README.md'), readme(answers));
  return (await readdir(target, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
}
