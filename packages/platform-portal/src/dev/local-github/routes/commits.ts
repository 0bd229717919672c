/**
 * Commits and their statuses: https://docs.github.com/rest/commits/commits#list-commits,
 * https://docs.github.com/rest/commits/statuses, and an always-empty
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference.
 */
import { z } from 'zod';
import { repoUrl, timestamp, type App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { logShas } from '../git-history.ts';
import { isSafeFilePath, resolveCommitish } from '../names.ts';
import { pagination, type Route } from '../router.ts';
import { commitJson } from '../shapes/git-objects.ts';
import { repositoryJson, userJson } from '../shapes/repository.ts';
import { takeId, type StatusRecord } from '../store.ts';

const CreateStatusSchema = z.object({
  state: z.enum(['error', 'failure', 'pending', 'success']).describe('State of the status.'),
  target_url: z.string().nullable().optional().describe('Link to the details.'),
  description: z.string().nullable().optional().describe('Short description.'),
  context: z.string().default('default').describe('Label that tells this status from others.'),
});

function statusJson(app: App, status: StatusRecord): Record<string, unknown> {
  return {
    url: `${repoUrl(app)}/statuses/${status.sha}`,
    avatar_url: null,
    id: status.id,
    node_id: Buffer.from(`013:StatusContext${status.id}`).toString('base64'),
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    created_at: status.created_at,
    updated_at: status.created_at,
    creator: userJson(app, status.creator),
  };
}

/** GitHub's combined state: failure if any error/failure, pending if none or any pending, else success. */
function combinedState(statuses: StatusRecord[]): string {
  if (statuses.some((status) => status.state === 'error' || status.state === 'failure')) return 'failure';
  if (statuses.length === 0 || statuses.some((status) => status.state === 'pending')) return 'pending';
  return 'success';
}

async function commitOf(app: App, ref: string | undefined): Promise<string> {
  const sha = await resolveCommitish(app.git, ref ?? '');
  if (sha === null) throw problems.noCommitFound(ref ?? '');
  return sha;
}

export const commitRoutes: Route[] = [
  {
    name: 'list-commits',
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits',
    docs: 'https://docs.github.com/rest/commits/commits#list-commits',
    async handle({ app, query }) {
      const sha = await commitOf(app, query.get('sha') || app.baseBranch);
      const path = query.get('path') ?? undefined;
      if (path !== undefined && path !== '' && !isSafeFilePath(path.replace(/\/$/, ''))) return { status: 200, body: [] };
      const { perPage, page } = pagination(query);
      const shas = await logShas(app.git, { rev: sha, path: path || undefined, limit: perPage, skip: (page - 1) * perPage });
      const body = await Promise.all(shas.map(async (commit) => commitJson(app, await app.git.commitInfo(commit))));
      return { status: 200, body };
    },
  },
  {
    name: 'get-combined-status',
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{ref}/status',
    docs: 'https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference',
    async handle({ app, params }) {
      const sha = await commitOf(app, params.ref);
      const latest = new Map<string, StatusRecord>();
      for (const status of app.store.state.statuses) if (status.sha === sha) latest.set(status.context, status);
      const statuses = [...latest.values()];
      return {
        status: 200,
        body: {
          state: combinedState(statuses),
          statuses: statuses.map((status) => statusJson(app, status)),
          sha,
          total_count: statuses.length,
          repository: repositoryJson(app),
          commit_url: `${repoUrl(app)}/commits/${sha}`,
          url: `${repoUrl(app)}/commits/${sha}/status`,
        },
      };
    },
  },
  {
    name: 'create-status',
    method: 'POST',
    template: '/repos/{owner}/{repo}/statuses/{sha}',
    docs: 'https://docs.github.com/rest/commits/statuses#create-a-commit-status',
    async handle({ app, params, body, login }) {
      const sha = params.sha ?? '';
      if (!(await app.git.commitExists(sha))) throw problems.noCommitFound(sha);
      const input = parseBody(CreateStatusSchema, body);
      const status = await app.store.transact((draft) => {
        const record: StatusRecord = {
          id: takeId(draft),
          sha,
          state: input.state,
          context: input.context,
          description: input.description ?? null,
          target_url: input.target_url ?? null,
          creator: login,
          created_at: timestamp(app),
        };
        draft.statuses.push(record);
        return record;
      });
      return { status: 201, body: statusJson(app, status) };
    },
  },
  {
    name: 'list-check-runs',
    method: 'GET',
    template: '/repos/{owner}/{repo}/commits/{ref}/check-runs',
    docs: 'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference',
    async handle({ app, params }) {
      await commitOf(app, params.ref);
      return { status: 200, body: { total_count: 0, check_runs: [] } };
    },
  },
];
