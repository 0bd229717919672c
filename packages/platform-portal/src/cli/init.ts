/**
 * `platform-portal init <dir>`: a new portal site, content and configuration only. Everything
 * else arrives with the package, so an upgrade is `npm update`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { formatProblems, problemsFromZod } from '../lib/problems.ts';
import { RepositorySchema } from '../schemas/site-config.ts';
import { writeStarter, type StarterAnswers } from './starter.ts';

export const INIT_HELP = `Usage: platform-portal init <dir> [options]
  Writes a new portal site into <dir> (new or empty): its configuration, a small starter content,
  the functions' entry, GitHub workflows and a README. Asks for what the flags do not give.
  --title TEXT          the site's title, e.g. "Acme Platform"
  --team TEXT           the platform team's name, e.g. "Acme Platform Team"
  --repository O/NAME   the GitHub repository that will hold the site, e.g. acme/platform-portal
  --base BRANCH         its base branch (default main)
  --site URL            where the site will be deployed (default https://portal.example.com)
  --package SPEC        the platform-portal dependency: a version range, or a tarball's path
  --yes                 take the defaults for anything not given, ask nothing`;

const OWN_PACKAGE = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf-8')) as {
  version: string;
  peerDependencies: Record<string, string>;
};

const AnswersSchema = z.object({
  title: z.string().trim().min(1, 'give the site a title').max(80, 'keep the title under 80 characters').regex(/^[^\p{Cc}\p{Cf}]*$/u, 'use printable characters only'),
  team: z.string().trim().min(1, "give the platform team's name").max(80, 'keep the name under 80 characters').regex(/^[^\p{Cc}\p{Cf}]*$/u, 'use printable characters only'),
  repository: RepositorySchema,
  baseBranch: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/, 'use a branch name of letters, digits, dots, slashes and hyphens, e.g. main'),
  site: z.url({ protocol: /^https?$/, error: 'give the address the site will have, e.g. https://portal.acme.example' }),
});

const DEFAULTS = { baseBranch: 'main', site: 'https://portal.example.com' } as const;

/** What to ask for a missing answer, and the default when there is one. */
const QUESTIONS: { key: keyof z.input<typeof AnswersSchema>; flag: string; question: string; fallback?: (a: Partial<StarterAnswers>) => string }[] = [
  { key: 'team', flag: '--team', question: "Platform team's name", fallback: () => 'Platform Team' },
  { key: 'title', flag: '--title', question: "Site's title", fallback: (a) => `${a.team ?? 'Platform'} Portal`.replace(/ Team Portal$/, ' Portal') },
  { key: 'repository', flag: '--repository', question: 'GitHub repository that will hold the site (owner/name)' },
  { key: 'baseBranch', flag: '--base', question: 'Its base branch', fallback: () => DEFAULTS.baseBranch },
  { key: 'site', flag: '--site', question: 'Address the site will be deployed at', fallback: () => DEFAULTS.site },
];

/** A dependency spec as npm reads it from the new site: a path to a tarball or folder becomes an absolute file: spec. */
function packageSpec(spec: string | undefined): string {
  if (!spec) return `^${OWN_PACKAGE.version}`;
  return existsSync(spec) ? `file:${path.resolve(spec)}` : spec;
}

async function collectAnswers(given: Partial<StarterAnswers>, ask: boolean): Promise<StarterAnswers> {
  const answers: Partial<StarterAnswers> = { ...given };
  const prompt = ask ? createInterface({ input: stdin, output: stdout }) : undefined;
  try {
    for (const { key, flag, question, fallback } of QUESTIONS) {
      if (answers[key] !== undefined) continue;
      const suggestion = fallback?.(answers);
      if (prompt) {
        const reply = (await prompt.question(`${question}${suggestion ? ` [${suggestion}]` : ''}: `)).trim();
        answers[key] = reply || suggestion;
      } else if (suggestion !== undefined) {
        answers[key] = suggestion;
      } else {
        throw new InitError(`Give ${flag}: ${question.toLowerCase()}, e.g. ${flag} acme/platform-portal.`);
      }
    }
  } finally {
    prompt?.close();
  }
  const parsed = AnswersSchema.safeParse(answers);
  if (!parsed.success) throw new InitError(formatProblems('These answers need a change:', problemsFromZod(parsed.error, { schema: AnswersSchema })));
  return parsed.data;
}

export class InitError extends Error {
  override name = 'InitError';
}

export async function init(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      team: { type: 'string' },
      repository: { type: 'string' },
      base: { type: 'string' },
      site: { type: 'string' },
      package: { type: 'string' },
      yes: { type: 'boolean', default: false },
    },
  });
  try {
    const [dir, ...extra] = positionals;
    if (!dir || extra.length > 0) throw new InitError(`Give one folder for the new site: platform-portal init <dir>.`);
    const target = path.resolve(dir);
    if (existsSync(target) && readdirSync(target).length > 0) throw new InitError(`${dir} is not empty: give a new or empty folder, so nothing of yours is overwritten.`);
    const given = Object.fromEntries(
      Object.entries({ title: values.title, team: values.team, repository: values.repository, baseBranch: values.base, site: values.site }).filter(([, v]) => v !== undefined),
    );
    const answers = await collectAnswers(given, !values.yes && stdin.isTTY === true);
    const files = await writeStarter(target, answers, { portal: packageSpec(values.package), peers: OWN_PACKAGE.peerDependencies });
    console.log(`
Wrote a new portal site to ${dir} (${files} files). Next:

  cd ${dir}
  npm install
  npm start      # builds the site and serves it on http://127.0.0.1:8788/, with a local GitHub
  npm test       # checks the content and builds the site, as its pull request check does

Then push it to ${answers.repository} and deploy it on Cloudflare Pages (README.md says how).`);
    return 0;
  } catch (error) {
    if (!(error instanceof InitError)) throw error;
    console.error(error.message);
    return 2;
  }
}
