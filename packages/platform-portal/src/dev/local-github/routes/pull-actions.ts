/**
 * What is done to a pull request after it is open: merge
 * (https://docs.github.com/rest/pulls/pulls#merge-a-pull-request), its files, review requests
 * (https://docs.github.com/rest/pulls/review-requests) and reviews
 * (https://docs.github.com/rest/pulls/reviews).
 */
import { z } from 'zod';
import { repoUrl, timestamp, userIdentity, type App } from '../app.ts';
import { parseBody } from '../body.ts';
import { problems } from '../errors.ts';
import { mergeBase, mergeTrees } from '../git-history.ts';
import { pullFiles, pullTips } from '../pull-git.ts';
import { paginate, type Route } from '../router.ts';
import { diffEntryJson } from '../shapes/git-objects.ts';
import { pullSimpleJson, reviewJson, teamJson } from '../shapes/pull.ts';
import { userJson } from '../shapes/repository.ts';
import { takeId, type PullRecord, type ReviewRecord } from '../store.ts';
import { findPull } from './pulls.ts';

/** GitHub lists at most this many files of a pull request (its files endpoint's documented limit). */
const MAX_LISTED_FILES = 3000;

const DOCS = 'https://docs.github.com/rest/pulls';

const MergeSchema = z.object({
  commit_title: z.string().optional().describe('Title of the merge commit.'),
  commit_message: z.string().optional().describe('Extra detail for the merge commit.'),
  sha: z.string().optional().describe('Head sha the merge must match.'),
  merge_method: z.enum(['merge', 'squash', 'rebase']).default('merge').describe('merge or squash (rebase is refused).'),
});

const ReviewersSchema = z.object({
  reviewers: z.array(z.string()).default([]).describe('Logins to ask for a review.'),
  team_reviewers: z.array(z.string()).default([]).describe('Team slugs to ask for a review.'),
});

const ReviewSchema = z.object({
  body: z.string().optional().describe('Review text.'),
  event: z.enum(['APPROVE', 'REQUEST_CHANGES', 'COMMENT']).optional().describe('Submit now; pending when absent.'),
  commit_id: z.string().optional().describe('Commit reviewed; the head when absent.'),
  comments: z.array(z.unknown()).optional().describe('Line comments: accepted and ignored.'),
});

const REVIEW_STATE = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' } as const;

/** GitHub's web-flow committer for merges made through the API. */
const WEB_FLOW = { name: 'GitHub', email: 'noreply@github.com' };

type Merge = z.output<typeof MergeSchema>;

async function mergeMessage(app: App, pull: PullRecord, method: 'merge' | 'squash', input: Partial<Merge>, range: { from: string; to: string }): Promise<string> {
  if (method === 'merge') {
    const title = input.commit_title ?? `Merge pull request #${pull.number} from ${app.owner}/${pull.head}`;
    return `${title}\n\n${input.commit_message ?? pull.title}\n`;
  }
  const subjects = await app.git.text(['log', '--reverse', '--format=* %s', `${range.from}..${range.to}`]);
  return `${input.commit_title ?? `${pull.title} (#${pull.number})`}\n\n${input.commit_message ?? subjects}\n`;
}

/** A merge of pull `number` by `login`; the other fields as the REST API's body takes them. */
export interface MergeRequest extends Partial<Merge> {
  number: number;
  login: string;
}

/**
 * Merges pull `number` into its base branch as `login`: the one merge of the server, used by the
 * REST API's merge and the web view's Merge button. Answers the merge commit, or throws GitHub's
 * refusals (405 not mergeable or not open, 409 head moved). Tells `app.branchUpdated` once the
 * pull is recorded as merged, so a listener that reads the API sees it merged.
 */
export async function mergePull(app: App, input: MergeRequest): Promise<string> {
  const { number, login, merge_method: method = 'merge' } = input;
  if (method === 'rebase') throw problems.mergeMethodNotAllowed('Rebase');
  const result = await app.store.transact(async (draft) => {
    const pull = draft.pulls.find((candidate) => candidate.number === number);
    if (!pull || pull.state !== 'open') throw problems.pullNotMergeable();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const tips = await pullTips(app, pull);
      if (input.sha !== undefined && input.sha !== tips.head) throw problems.headModified();
      const merged = await mergeTrees(app.git, tips.base, tips.head);
      if (!merged.clean) throw problems.pullNotMergeable();
      const from = (await mergeBase(app.git, tips.base, tips.head)) ?? tips.base;
      const message = await mergeMessage(app, pull, method, input, { from, to: tips.head });
      const parents = method === 'merge' ? [tips.base, tips.head] : [tips.base];
      const committer = { ...WEB_FLOW, ...(app.commitDate() ? { date: app.commitDate() } : {}) };
      const commit = await app.git.commitTree(merged.tree, parents, message, userIdentity(app, login), committer);
      if (!(await app.git.updateRef(`refs/heads/${pull.base}`, commit, tips.base))) continue;
      const now = timestamp(app);
      Object.assign(pull, {
        state: 'closed',
        merged_at: now,
        closed_at: now,
        updated_at: now,
        merge_commit_sha: commit,
        merged_by: login,
        head_sha: tips.head,
        base_sha: from,
      });
      return { commit, base: pull.base };
    }
    throw problems.busy();
  });
  app.branchUpdated(result.base, result.commit);
  return result.commit;
}

export const pullActionRoutes: Route[] = [
  {
    name: 'merge-pull',
    method: 'PUT',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    docs: `${DOCS}/pulls#merge-a-pull-request`,
    async handle({ app, params, body, login }) {
      const { number } = findPull(app, params.pull_number);
      const sha = await mergePull(app, { number, login, ...parseBody(MergeSchema, body) });
      return { status: 200, body: { sha, merged: true, message: 'Pull Request successfully merged' } };
    },
  },
  {
    name: 'pull-files',
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/files',
    docs: `${DOCS}/pulls#list-pull-requests-files`,
    async handle({ app, params, query }) {
      const pull = findPull(app, params.pull_number);
      const files = await pullFiles(app, pull);
      const head = pull.state === 'open' ? (await pullTips(app, pull)).head : pull.head_sha;
      const body = files.slice(0, MAX_LISTED_FILES).map((file) => diffEntryJson(app, file, head));
      const { page, headers } = paginate(body, query, `${repoUrl(app)}/pulls/${pull.number}/files?${query}`);
      return { status: 200, body: page, headers };
    },
  },
  {
    name: 'list-requested-reviewers',
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
    docs: `${DOCS}/review-requests#get-all-requested-reviewers-for-a-pull-request`,
    async handle({ app, params }) {
      const pull = findPull(app, params.pull_number);
      const users = pull.requested_reviewers.map((login) => userJson(app, login));
      const teams = pull.requested_teams.map((slug) => teamJson(app, slug));
      return { status: 200, body: { users, teams } };
    },
  },
  ...(['POST', 'DELETE'] as const).map(
    (method): Route => ({
      name: method === 'POST' ? 'request-reviewers' : 'remove-requested-reviewers',
      method,
      template: '/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      docs: `${DOCS}/review-requests#${method === 'POST' ? 'request-reviewers-for-a-pull-request' : 'remove-requested-reviewers-from-a-pull-request'}`,
      async handle({ app, params, body }) {
        const { number } = findPull(app, params.pull_number);
        const input = parseBody(ReviewersSchema, body);
        const pull = await app.store.transact((draft) => {
          const record = draft.pulls.find((candidate) => candidate.number === number);
          if (!record) throw problems.notFound();
          if (method === 'POST') {
            if (input.reviewers.some((login) => login.toLowerCase() === record.user.toLowerCase())) {
              throw problems.reviewRequestFromAuthor();
            }
            record.requested_reviewers = [...new Set([...record.requested_reviewers, ...input.reviewers])];
            record.requested_teams = [...new Set([...record.requested_teams, ...input.team_reviewers])];
          } else {
            record.requested_reviewers = record.requested_reviewers.filter((login) => !input.reviewers.includes(login));
            record.requested_teams = record.requested_teams.filter((slug) => !input.team_reviewers.includes(slug));
          }
          record.updated_at = timestamp(app);
          return record;
        });
        return { status: method === 'POST' ? 201 : 200, body: pullSimpleJson(app, pull, await pullTips(app, pull)) };
      },
    }),
  ),
  {
    name: 'list-reviews',
    method: 'GET',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    docs: `${DOCS}/reviews#list-reviews-for-a-pull-request`,
    async handle({ app, params, query }) {
      const pull = findPull(app, params.pull_number);
      const reviews = pull.reviews.map((review) => reviewJson(app, pull, review));
      const { page, headers } = paginate(reviews, query, `${repoUrl(app)}/pulls/${pull.number}/reviews?${query}`);
      return { status: 200, body: page, headers };
    },
  },
  {
    name: 'create-review',
    method: 'POST',
    template: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    docs: `${DOCS}/reviews#create-a-review-for-a-pull-request`,
    async handle({ app, params, body, login }) {
      const found = findPull(app, params.pull_number);
      const input = parseBody(ReviewSchema, body);
      if ((input.event === 'REQUEST_CHANGES' || input.event === 'COMMENT') && !input.body) {
        throw problems.reviewBodyRequired(input.event);
      }
      const head = input.commit_id ?? (await pullTips(app, found)).head;
      const result = await app.store.transact((draft) => {
        const pull = draft.pulls.find((candidate) => candidate.number === found.number);
        if (!pull) throw problems.notFound();
        const review: ReviewRecord = {
          id: takeId(draft),
          user: login,
          body: input.body ?? '',
          state: input.event ? REVIEW_STATE[input.event] : 'PENDING',
          commit_id: head,
          submitted_at: input.event ? timestamp(app) : null,
        };
        pull.reviews.push(review);
        // A submitted review fulfils that reviewer's request, as on GitHub.
        if (input.event) pull.requested_reviewers = pull.requested_reviewers.filter((name) => name !== login);
        pull.updated_at = timestamp(app);
        return { pull, review };
      });
      return { status: 200, body: reviewJson(app, result.pull, result.review) };
    },
  },
];
