/**
 * `platform-portal access expire [--today YYYY-MM-DD] [--open-pr]`: removes the access grants whose
 * last day has passed from content/access/, in the files here or, with --open-pr, as one pull
 * request against the base branch. Exits 1 when a file cannot be read or the pull request failed,
 * 2 on bad arguments.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_KINDS, contentDir } from '../collections/layout.ts';
import { expireGrants, expiryChange, EXPIRED_ACCESS_BRANCH, type Expiry } from '../access/expire.ts';
import { GitHubError } from '../github/errors.ts';
import { isoDay } from '../lib/dates.ts';
import type { RepoFile } from '../requests/types.ts';
import { gitHubSettings, GitHubSettingsError } from './github-settings.ts';
import type { Site } from './site.ts';

export const ACCESS_EXPIRE_HELP = `Usage: platform-portal access expire [--today YYYY-MM-DD] [--open-pr]
  Removes every access grant whose last day (expires) is before today from content/access/, keeping
  the rest of each file as it is. Without --open-pr it edits the files here; with it, it opens one
  pull request against the base branch (GITHUB_TOKEN and GITHUB_REPOSITORY, as the access workflow
  sets them), and updates that pull request on later runs while it is open.
  --today   the day to count from (UTC), default today`;

class ArgumentError extends Error {}

function options(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { today: { type: 'string' }, 'open-pr': { type: 'boolean', default: false } } });
  const today = values.today ?? isoDay(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new ArgumentError(`--today ${today} is not a date; use a date like 2027-01-31`);
  return { today, openPr: values['open-pr'] };
}

/** The access files of the content folder here, by their path in the repository. */
async function localAccessFiles(root: string, env: Record<string, string | undefined>): Promise<Map<string, RepoFile>> {
  const folder = path.posix.join(contentDir(env).split(path.sep).join('/'), CONTENT_KINDS.access.folder);
  const names = await readdir(path.join(root, folder)).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  const paths = names.filter((name) => name.endsWith('.yaml')).map((name) => `${folder}/${name}`);
  return new Map(await Promise.all(paths.map(async (file) => [file, { content: await readFile(path.join(root, file), 'utf-8'), sha: '' }] as const)));
}

function report(expiry: Expiry, today: string): void {
  for (const problem of expiry.unreadable) console.error(problem);
  if (expiry.expired.length === 0) console.log(`No access grant expired before ${today}.`);
  else console.log(`${expiry.expired.length} access grant(s) expired before ${today}, in ${expiry.files.map((f) => f.path).join(', ')}.`);
}

async function expire(argv: string[], site: Site, env: NodeJS.ProcessEnv): Promise<number> {
  const { today, openPr } = options(argv);
  const local = await localAccessFiles(site.root, env);
  if (!openPr) {
    const expiry = expireGrants(local, today);
    report(expiry, today);
    await Promise.all(expiry.files.map((file) => writeFile(path.join(site.root, file.path), file.content)));
    return expiry.unreadable.length > 0 ? 1 : 0;
  }
  const github = gitHubSettings(env, await site.config());
  const [{ createGitHub }, { openPullRequest, readFiles }] = await Promise.all([import('../github/client.ts'), import('../github/pull-requests.ts')]);
  const repo = { gh: createGitHub(github), config: github };
  // The base branch's files, not the checkout's: the pull request edits what is there now.
  const expiry = expireGrants(await readFiles(repo, [...local.keys()]), today);
  report(expiry, today);
  const change = expiryChange(expiry, today);
  if (change) {
    const pr = await openPullRequest(repo, change, EXPIRED_ACCESS_BRANCH);
    console.log(`Pull request #${pr.number} ${pr.created ? 'opened' : 'updated'}: ${pr.url}${pr.warnings.map((w) => `\n${w}`).join('')}`);
  }
  return expiry.unreadable.length > 0 ? 1 : 0;
}

export async function accessExpire(argv: string[], site: Site, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await expire(argv, site, env);
  } catch (error) {
    if (error instanceof ArgumentError || error instanceof GitHubSettingsError) {
      console.error(`${error.message}.\n${ACCESS_EXPIRE_HELP}`);
      return 2;
    }
    if (error instanceof GitHubError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
