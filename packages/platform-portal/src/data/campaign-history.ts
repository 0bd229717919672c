/**
 * The commits that changed the campaigns' state files, up to the commit built: from the git
 * repository around the content folder, or, under `platform-portal start`, from its local GitHub's
 * repository (CONTENT_GIT_DIR_VARIABLE). One `git log` and one `git cat-file --batch` for the whole
 * build. A folder outside git, a missing git or a shallow clone (CI checks out one commit unless
 * told otherwise) leaves less history, and says so.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CONTENT_DIR, CONTENT_GIT_DIR_VARIABLE, CONTENT_KINDS, contentDir } from '../collections/layout.ts';
import type { StateCommit } from '../lib/campaign-history.ts';
import { isoDay } from '../lib/dates.ts';

export type CampaignHistory =
  /** `shallow`: the clone holds only the newest commits, so the history starts later than the campaign. */
  | { status: 'complete' | 'shallow'; commits: ReadonlyMap<string, StateCommit[]> }
  | { status: 'unavailable'; reason: string };

interface Source {
  cwd: string;
  /** Arguments before git's command: the repository, when it is not found from `cwd`. */
  repository: string[];
  revision: string;
  /** The content folder's path in the repository, with a trailing slash. */
  prefix: string;
}

interface Change {
  hash: string;
  day: string;
  campaign: string;
  tenant: string;
  /** Path in the repository, for `git cat-file`; undefined where the commit removed the file. */
  blob: string | undefined;
}

function git(source: Pick<Source, 'cwd' | 'repository'>, args: string[], input?: string) {
  return spawnSync('git', [...source.repository, ...args], { cwd: source.cwd, input, maxBuffer: 256 * 1024 * 1024 });
}

function sourceOf(root: string, env: Record<string, string | undefined>): Source | { reason: string } {
  const gitDir = env[CONTENT_GIT_DIR_VARIABLE];
  if (gitDir) return { cwd: root, repository: ['--git-dir', gitDir], revision: env.PORTAL_BUILD_COMMIT || 'HEAD', prefix: `${CONTENT_DIR}/` };
  const cwd = path.resolve(root, contentDir(env));
  const prefix = git({ cwd, repository: [] }, ['rev-parse', '--show-prefix']);
  if (prefix.error) return { reason: 'git is not installed where the site is built' };
  if (prefix.status !== 0) return { reason: `the content folder (${contentDir(env)}) is not in a git repository` };
  return { cwd, repository: [], revision: 'HEAD', prefix: prefix.stdout.toString('utf-8').trim() };
}

const STATE_FILE = /^[^/]+\/([^/]+)\/([^/]+)\.yaml$/;

/** `git log --name-status` of the state files, oldest first, along the branch's first parents (when a change landed on it). */
function changes(source: Source): Change[] | undefined {
  const folder = `${source.prefix}${CONTENT_KINDS.campaignStates.folder}/`;
  const args = ['log', source.revision, '--reverse', '--first-parent', '--diff-merges=first-parent', '--no-renames', '--format=%x01%H %ct', '--name-status', '--', `:(top)${folder}`];
  const log = git(source, args);
  if (log.status !== 0) return undefined;
  const found: Change[] = [];
  let hash = '';
  let day = '';
  for (const line of log.stdout.toString('utf-8').split('\n')) {
    if (line.startsWith('\x01')) {
      const [h = '', seconds = '0'] = line.slice(1).split(' ');
      [hash, day] = [h, isoDay(new Date(Number(seconds) * 1000))];
      continue;
    }
    const [status, file] = line.split('\t');
    const match = file?.startsWith(source.prefix) ? STATE_FILE.exec(file.slice(source.prefix.length)) : null;
    if (!status || !match) continue;
    found.push({ hash, day, campaign: match[1]!, tenant: match[2]!, blob: status.startsWith('D') ? undefined : file });
  }
  return found;
}

/** The files' texts at their commits, in order: `git cat-file --batch` answers `<oid> <type> <size>\n<bytes>\n` each. */
function texts(source: Source, changes: Change[]): (string | null)[] | undefined {
  const wanted = changes.filter((c) => c.blob !== undefined);
  if (wanted.length === 0) return changes.map(() => null);
  const batch = git(source, ['cat-file', '--batch'], wanted.map((c) => `${c.hash}:${c.blob}\n`).join(''));
  if (batch.status !== 0) return undefined;
  const out = batch.stdout;
  const read = new Map<Change, string | null>();
  let at = 0;
  for (const change of wanted) {
    const end = out.indexOf(0x0a, at);
    const header = out.subarray(at, end).toString('utf-8').split(' ');
    if (header[1] !== 'blob') {
      read.set(change, null);
      at = end + 1;
      continue;
    }
    const size = Number(header[2]);
    read.set(change, out.subarray(end + 1, end + 1 + size).toString('utf-8'));
    at = end + 1 + size + 1;
  }
  return changes.map((c) => read.get(c) ?? null);
}

function load(root: string, env: Record<string, string | undefined>): CampaignHistory {
  const source = sourceOf(root, env);
  if ('reason' in source) return { status: 'unavailable', reason: source.reason };
  const found = changes(source);
  const read = found && texts(source, found);
  if (!found || !read) return { status: 'unavailable', reason: 'git could not read the history of the state files' };
  const commits = new Map<string, StateCommit[]>();
  // A commit's files come sorted by path, so those of one campaign are next to each other.
  let last: { hash: string; campaign: string; files: Map<string, string | null> } | undefined;
  found.forEach((change, i) => {
    if (last?.hash !== change.hash || last.campaign !== change.campaign) {
      last = { hash: change.hash, campaign: change.campaign, files: new Map() };
      commits.set(change.campaign, [...(commits.get(change.campaign) ?? []), { day: change.day, files: last.files }]);
    }
    last.files.set(change.tenant, read[i] ?? null);
  });
  const shallow = git(source, ['rev-parse', '--is-shallow-repository']).stdout.toString('utf-8').trim() === 'true';
  return { status: shallow ? 'shallow' : 'complete', commits };
}

let cached: CampaignHistory | undefined;

/** Read once per production build; in `astro dev` every page reads it afresh. */
export function readCampaignHistory(root = process.cwd(), env: Record<string, string | undefined> = process.env): CampaignHistory {
  if (!import.meta.env.PROD) return load(root, env);
  cached ??= load(root, env);
  return cached;
}
