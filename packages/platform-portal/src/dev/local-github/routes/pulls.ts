/**
 * Pull requests: https://docs.github.com/rest/pulls/pulls (open, read, list, update). Merging,
 * files, reviewers and reviews are in pull-actions.ts.
 */
import { z } from 'zod';
import { timestamp, type App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { diffStats, mergeBase } from '../git-history.ts';
import { isValidBranch } from '../names.ts';
import { branchTips, pullDetails, setPullHeadRef, tipsFrom } from '../pull-git.ts';
import { paginate, positiveInt, type Route } from '../router.ts';
import { pullJson, pullSimpleJson } from '../shapes/pull.ts';
import { takeId, type PullRecord, type StoreState } from '../store.ts';

const DOCS = 'https://docs.github.com/rest/pulls/pulls';

const CreatePullSchema = z.object({
  title: z.string().optional().describe('Title; required (opening from an issue is not supported).'),
  head: z.string().describe('Branch with the changes, "branch" or "owner:branch".'),
  base: z.string().describe('Branch the changes should go into.'),
  body: z.string().nullable().optional().describe('Markdown description.'),
  draft: z.boolean().default(false).describe('Open as a draft.'),
  maintainer_can_modify: z.boolean().optional().describe('Accepted and ignored (no forks here).'),
  head_repo: z.string().optional().describe('Accepted and ignored (no forks here).'),
});

const UpdatePullSchema = z.object({
  title: z.string().optional().describe('New title.'),
  body: z.string().nullable().optional().describe('New body.'),
  state: z.enum(['open', 'closed']).optional().describe('Close or reopen.'),
  base: z.string().optional().describe('New base branch.'),
  maintainer_can_modify: z.boolean().optional().describe('Accepted and ignored.'),
});

/**
 * The longest title and body GitHub stores, in characters: code points, as a Rails length
 * validation counts them, so 65,536 emoji fit. GitHub documents neither figure; its 422 names
 * them (see problems.pullTextTooLong).
 */
export const MAX_TITLE_CHARS = 256;
export const MAX_BODY_CHARS = 65_536;

/** Refuses a title or body GitHub would refuse; the body is checked first, as GitHub reports one field. */
function checkTexts(input: { title?: string | undefined; body?: string | null | undefined }): void {
  const chars = (text: string) => text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
  if (input.body && input.body.length > MAX_BODY_CHARS && chars(input.body) > MAX_BODY_CHARS) throw problems.pullTextTooLong('body', MAX_BODY_CHARS);
  if (input.title && input.title.length > MAX_TITLE_CHARS && chars(input.title) > MAX_TITLE_CHARS) throw problems.pullTextTooLong('title', MAX_TITLE_CHARS);
}

/** "owner:branch" or "branch" -> branch, refusing other owners (there are no forks here). */
function headBranch(app: App, head: string): string | null {
  const colon = head.indexOf(':');
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === app.owner.toLowerCase() ? head.slice(colon + 1) : null;
}

async function branchExists(app: App, branch: string | null): Promise<string | null> {
  if (branch === null || !isValidBranch(branch)) return null;
  return app.git.refSha(`refs/heads/${branch}`);
}

export function findPull(app: App, value: string | undefined): PullRecord {
  const number = positiveInt(value);
  const pull = number === null ? undefined : app.store.pull(number);
  if (!pull) throw problems.notFound();
  return pull;
}

export async function pullAnswer(app: App, pull: PullRecord): Promise<Record<string, unknown>> {
  return pullJson(app, pull, await pullDetails(app, pull));
}

function openTwin(draft: StoreState, pull: { number?: number; head: string; base: string }): PullRecord | undefined {
  return draft.pulls.find(
    (other) => other.state === 'open' && other.head === pull.head && other.base === pull.base && other.number !== pull.number,
  );
}

function sortPulls(pulls: PullRecord[], sort: string, direction: string | null): PullRecord[] {
  const key = sort === 'updated' ? 'updated_at' : 'created_at';
  // GitHub: newest first by default; ascending only when asked (or for other sorts without a direction).
  const descending = direction ? direction === 'desc' : sort === 'created' || sort === 'updated';
  return [...pulls].sort((a, b) => {
    const order = a[key] === b[key] ? a.number - b.number : a[key] < b[key] ? -1 : 1;
    return descending ? -order : order;
  });
}

/** What the REST API's update takes: title, body, base, and `state` to close or reopen. */
export type PullUpdate = z.output<typeof UpdatePullSchema>;

/**
 * Changes pull `number` as `PATCH /pulls/{n}` does; the web view's Close button uses it too.
 * Closing freezes the diff at the merge base and head of that moment; reopening follows the head
 * branch again.
 */
export async function updatePull(app: App, number: number, input: PullUpdate): Promise<PullRecord> {
  checkTexts(input);
  if (input.base !== undefined && (await branchExists(app, input.base)) === null) throw problems.pullFieldInvalid('base');
  const now = timestamp(app);
  return app.store.transact(async (draft) => {
    const record = draft.pulls.find((candidate) => candidate.number === number);
    if (!record) throw problems.notFound();
    if (input.title !== undefined) record.title = input.title;
    if (input.body !== undefined) record.body = input.body;
    if (input.base !== undefined) record.base = input.base;
    if (input.state === 'closed' && record.state === 'open') {
      const headTip = (await app.git.refSha(`refs/heads/${record.head}`)) ?? record.head_sha;
      const baseTip = (await app.git.refSha(`refs/heads/${record.base}`)) ?? record.base_sha;
      record.base_sha = (await mergeBase(app.git, baseTip, headTip)) ?? baseTip;
      record.head_sha = headTip;
      Object.assign(record, { state: 'closed', closed_at: now });
    } else if (input.state === 'open' && record.state === 'closed') {
      if (record.merged_at) throw problems.pullMergedCannotReopen();
      if (openTwin(draft, record)) throw problems.pullExists(app.owner, record.head);
      const headTip = await branchExists(app, record.head);
      if (headTip === null) throw problems.pullFieldInvalid('head');
      await setPullHeadRef(app, record.number, headTip, record.head_sha);
      Object.assign(record, { state: 'open', closed_at: null, head_sha: headTip });
    } else if (input.base !== undefined && record.state === 'open' && openTwin(draft, record)) {
      throw problems.pullExists(app.owner, record.head);
    }
    record.updated_at = now;
    return record;
  });
}

export const pullRoutes: Route[] = [
  {
    name: 'create-pull',
    method: 'POST',
    template: '/repos/{owner}/{repo}/pulls',
    docs: `${DOCS}#create-a-pull-request`,
    async handle({ app, body, login }) {
      const input = parseBody(CreatePullSchema, body);
      if (!input.title) throw problems.pullFieldMissing('title');
      checkTexts(input);
      const head = headBranch(app, input.head);
      const headSha = await branchExists(app, head);
      const baseSha = await branchExists(app, input.base);
      if (baseSha === null) throw problems.pullFieldInvalid('base');
      if (head === null || headSha === null) throw problems.pullFieldInvalid('head');
      const stats = await diffStats(app.git, baseSha, headSha, true);
      if (stats.commits === 0) throw problems.noCommitsBetween(input.base, head);
      const now = timestamp(app);
      const pull = await app.store.transact(async (draft) => {
        // Checked inside the store's transaction: two racing opens of the same head give one pull.
        if (openTwin(draft, { head, base: input.base })) throw problems.pullExists(app.owner, head);
        const record: PullRecord = {
          id: takeId(draft),
          number: draft.nextNumber,
          title: input.title ?? '',
          body: input.body ?? null,
          head,
          base: input.base,
          state: 'open',
          draft: input.draft,
          user: login,
          created_at: now,
          updated_at: now,
          closed_at: null,
          merged_at: null,
          merge_commit_sha: null,
          merged_by: null,
          head_sha: headSha,
          // The base tip for now; replaced by the merge base when the pull is closed.
          base_sha: baseSha,
          labels: [],
          requested_reviewers: [],
          requested_teams: [],
          reviews: [],
        };
        draft.nextNumber += 1;
        await setPullHeadRef(app, record.number, headSha, null);
        draft.pulls.push(record);
        return record;
      });
      // GitHub computes mergeability after answering: a new pull says `mergeable: null`.
      const answer = pullJson(app, pull, {
        tips: { head: headSha, base: baseSha },
        commits: stats.commits,
        additions: stats.additions,
        deletions: stats.deletions,
        changedFiles: stats.files,
        mergeable: null,
      });
      return { status: 201, body: answer, headers: { location: String(answer.url) } };
    },
  },
  {
    name: 'list-pulls',
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls',
    docs: `${DOCS}#list-pull-requests`,
    async handle({ app, query }) {
      const state = query.get('state') ?? 'open';
      if (!['open', 'closed', 'all'].includes(state)) throw problems.invalidValue('state', state);
      const headFilter = query.get('head');
      const head = headFilter === null ? null : headBranch(app, headFilter);
      const base = query.get('base');
      const matching = app.store.state.pulls.filter(
        (pull) =>
          (state === 'all' || pull.state === state) &&
          (headFilter === null || pull.head === head) &&
          (base === null || pull.base === base),
      );
      const sorted = sortPulls(matching, query.get('sort') ?? 'created', query.get('direction'));
      const { page, headers } = paginate(sorted, query, `${app.apiUrl}/repos/${app.owner}/${app.name}/pulls?${query}`);
      const tips = await branchTips(app);
      const body = page.map((pull) => pullSimpleJson(app, pull, tipsFrom(pull, tips)));
      return { status: 200, body, headers };
    },
  },
  {
    name: 'get-pull',
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    docs: `${DOCS}#get-a-pull-request`,
    async handle({ app, params }) {
      return { status: 200, body: await pullAnswer(app, findPull(app, params.pull_number)) };
    },
  },
  {
    name: 'update-pull',
    method: 'PATCH',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}',
    docs: `${DOCS}#update-a-pull-request`,
    async handle({ app, params, body }) {
      const { number } = findPull(app, params.pull_number);
      const pull = await updatePull(app, number, parseBody(UpdatePullSchema, body));
      return { status: 200, body: await pullAnswer(app, pull) };
    },
  },
];
