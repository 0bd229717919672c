import { execFileSync } from 'node:child_process';
import { BuildInfoSchema, CommitShaSchema, type BuildInfo } from '../schemas/build-info.ts';

type Env = Record<string, string | undefined>;

/** Where CI systems name the commit being built, each with the variable naming its branch. */
const SOURCES: { commit: string; branch: (env: Env) => string | undefined }[] = [
  { commit: 'PORTAL_BUILD_COMMIT', branch: (env) => env.PORTAL_BUILD_BRANCH },
  // https://developers.cloudflare.com/pages/configuration/build-configuration/#environment-variables
  { commit: 'CF_PAGES_COMMIT_SHA', branch: (env) => env.CF_PAGES_BRANCH },
  // https://docs.github.com/actions/reference/variables-reference: GITHUB_REF_NAME is a branch only for refs/heads/.
  { commit: 'GITHUB_SHA', branch: (env) => (env.GITHUB_REF?.startsWith('refs/heads/') ? env.GITHUB_REF_NAME : undefined) },
];

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf-8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The commit and branch the site is built from: the first build variable that is set, else the
 * git checkout the build runs in, else unknown. A malformed variable stops the build, naming it.
 */
export function buildInfo({ env = process.env as Env, now = new Date(), cwd = process.cwd() } = {}): BuildInfo {
  const builtAt = now.toISOString();
  for (const source of SOURCES) {
    const value = env[source.commit]?.trim().toLowerCase();
    if (!value) continue;
    const commit = CommitShaSchema.safeParse(value);
    if (!commit.success) throw new Error(`${source.commit} is ${JSON.stringify(value)}: ${commit.error.issues[0]?.message}; set it to the commit the site is built from, or unset it.`);
    return BuildInfoSchema.parse({ commit: commit.data, branch: source.branch(env)?.trim() || null, builtAt });
  }
  const commit = git(['rev-parse', '--verify', '-q', 'HEAD'], cwd) ?? null;
  const branch = commit ? (git(['symbolic-ref', '--short', '-q', 'HEAD'], cwd) ?? null) : null;
  return BuildInfoSchema.parse({ commit, branch, builtAt });
}
