/**
 * Comparing two commits: https://docs.github.com/rest/commits/commits#compare-two-commits.
 * `GET /repos/{owner}/{repo}/compare/{base}...{head}` answers what git answers: the merge base,
 * how many commits head is ahead of and behind base, head's commits since the merge base
 * (`git rev-list --reverse base..head`, oldest first) and the files of `git diff base...head`.
 */
import { repoUrl, type App } from '../app.ts';
import { GitHubError, problems } from '../errors.ts';
import { changedFiles, mergeBase } from '../git-history.ts';
import { resolveCommitish } from '../names.ts';
import { paginate, type Route } from '../router.ts';
import { commitJson, diffEntryJson, encodePath } from '../shapes/git-objects.ts';

/** Without `page`/`per_page`, GitHub lists at most 250 commits and 300 files of a comparison. */
const MAX_COMMITS = 250;
const MAX_FILES = 300;

/** One side of `basehead`: a branch, tag or full sha, optionally as "owner:name" (no forks here). */
async function side(app: App, text: string): Promise<string> {
  const colon = text.indexOf(':');
  if (colon !== -1 && text.slice(0, colon).toLowerCase() !== app.owner.toLowerCase()) throw problems.notFound();
  const sha = await resolveCommitish(app.git, colon === -1 ? text : text.slice(colon + 1));
  if (sha === null) throw problems.notFound();
  return sha;
}

/** "identical", "ahead", "behind" or "diverged": where head stands relative to base. */
function comparisonStatus(ahead: number, behind: number): string {
  if (ahead === 0 && behind === 0) return 'identical';
  if (behind === 0) return 'ahead';
  return ahead === 0 ? 'behind' : 'diverged';
}

const commitsOf = (app: App, shas: string[]) => Promise.all(shas.map(async (sha) => commitJson(app, await app.git.commitInfo(sha))));

export const compareRoutes: Route[] = [
  {
    name: 'compare-commits',
    method: 'GET',
    template: '/repos/{owner}/{repo}/compare/{basehead}',
    docs: 'https://docs.github.com/rest/commits/commits#compare-two-commits',
    async handle({ app, params, query }) {
      const basehead = params.basehead ?? '';
      const split = basehead.indexOf('...');
      if (split === -1) throw problems.notFound();
      const [baseName, headName] = [basehead.slice(0, split), basehead.slice(split + 3)];
      const [base, head] = await Promise.all([side(app, baseName), side(app, headName)]);
      const common = await mergeBase(app.git, base, head);
      if (common === null) throw new GitHubError(404, `No common ancestor between ${baseName} and ${headName}.`);
      // "behind<TAB>ahead": commits only base has, then commits only head has.
      const [behind = 0, ahead = 0] = (await app.git.text(['rev-list', '--left-right', '--count', `${base}...${head}`])).trim().split(/\s+/).map(Number);
      const shas = (await app.git.text(['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean);
      const paginated = query.has('page') || query.has('per_page');
      const self = `${repoUrl(app)}/compare/${encodePath(basehead)}`;
      const { page, headers } = paginated ? paginate(shas, query, `${self}?${query}`) : { page: shas.slice(0, MAX_COMMITS), headers: {} };
      const firstPage = !paginated || (Number.parseInt(query.get('page') ?? '1', 10) || 1) <= 1;
      const [baseCommit, mergeBaseCommit, commits, files] = await Promise.all([
        commitsOf(app, [base]),
        commitsOf(app, [common]),
        commitsOf(app, page),
        firstPage ? changedFiles(app.git, common, head) : Promise.resolve(null),
      ]);
      const html = `${app.webUrl}/compare/${encodePath(basehead)}`;
      return {
        status: 200,
        headers,
        body: {
          url: self,
          html_url: html,
          permalink_url: `${app.webUrl}/compare/${app.owner}:${base}...${app.owner}:${head}`,
          diff_url: `${html}.diff`,
          patch_url: `${html}.patch`,
          base_commit: baseCommit[0],
          merge_base_commit: mergeBaseCommit[0],
          status: comparisonStatus(ahead, behind),
          ahead_by: ahead,
          behind_by: behind,
          total_commits: ahead,
          commits,
          ...(files ? { files: files.slice(0, MAX_FILES).map((file) => diffEntryJson(app, file, head)) } : {}),
        },
      };
    },
  },
];
