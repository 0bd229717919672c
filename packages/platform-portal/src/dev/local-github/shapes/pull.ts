/**
 * JSON shapes of pull requests: `pull-request-simple` (lists), `pull-request` (single answers),
 * `issue-search-result-item` (search and the issues API) and `pull-request-review`.
 */
import { repoUrl, stableId, type App } from '../app.ts';
import type { PullDetails, PullTips } from '../pull-git.ts';
import type { LabelRecord, PullRecord, ReviewRecord } from '../store.ts';
import { labelJson, repositoryJson, userJson } from './repository.ts';

/**
 * The pull's labels as `label` objects, in the order they were added. In pull objects GitHub's
 * schema (`pull-request-simple`) types a label's description as a string, never null: '' then.
 */
export function labelsJson(app: App, pull: PullRecord, inPull = false): Record<string, unknown>[] {
  const byName = new Map<string, LabelRecord>(app.store.state.labels.map((label) => [label.name.toLowerCase(), label]));
  return pull.labels.flatMap((name) => {
    const label = byName.get(name.toLowerCase());
    if (!label) return [];
    const json = labelJson(app, label);
    return [inPull ? { ...json, description: label.description ?? '' } : json];
  });
}

function branchJson(app: App, branch: string, sha: string): Record<string, unknown> {
  return {
    label: `${app.owner}:${branch}`,
    ref: branch,
    sha,
    user: userJson(app, app.owner),
    repo: repositoryJson(app),
  };
}

/** Every URL and field `pull-request-simple` requires. */
export function pullSimpleJson(app: App, pull: PullRecord, tips: PullTips): Record<string, unknown> {
  const url = `${repoUrl(app)}/pulls/${pull.number}`;
  const issue = `${repoUrl(app)}/issues/${pull.number}`;
  const html = `${app.webUrl}/pulls/${pull.number}`;
  const statuses = `${repoUrl(app)}/statuses/${tips.head}`;
  return {
    url,
    id: pull.id,
    node_id: Buffer.from(`011:PullRequest${pull.id}`).toString('base64'),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${repoUrl(app)}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(app, pull.user),
    body: pull.body,
    labels: labelsJson(app, pull, true),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requested_reviewers.map((login) => userJson(app, login)),
    requested_teams: pull.requested_teams.map((slug) => teamJson(app, slug)),
    head: branchJson(app, pull.head, tips.head),
    base: branchJson(app, pull.base, tips.base),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${repoUrl(app)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
    author_association: pull.user === app.owner ? 'OWNER' : 'COLLABORATOR',
    auto_merge: null,
    draft: pull.draft,
  };
}

/** `pull-request`: the simple shape plus the merge state and diff counts. */
export function pullJson(app: App, pull: PullRecord, details: PullDetails): Record<string, unknown> {
  const merged = pull.merged_at !== null;
  let mergeableState = 'unknown';
  if (pull.state === 'open' && details.mergeable !== null) {
    mergeableState = details.mergeable ? (pull.draft ? 'draft' : 'clean') : 'dirty';
  }
  return {
    ...pullSimpleJson(app, pull, details.tips),
    merged,
    mergeable: details.mergeable,
    rebaseable: details.mergeable,
    mergeable_state: mergeableState,
    merged_by: pull.merged_by ? userJson(app, pull.merged_by) : null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: details.commits,
    additions: details.additions,
    deletions: details.deletions,
    changed_files: details.changedFiles,
  };
}

/** `issue-search-result-item`: how search and the issues API show a pull request. */
export function issueJson(app: App, pull: PullRecord): Record<string, unknown> {
  const issue = `${repoUrl(app)}/issues/${pull.number}`;
  const html = `${app.webUrl}/pulls/${pull.number}`;
  return {
    url: issue,
    repository_url: repoUrl(app),
    labels_url: `${issue}/labels{/name}`,
    comments_url: `${issue}/comments`,
    events_url: `${issue}/events`,
    html_url: html,
    id: pull.id,
    node_id: Buffer.from(`011:PullRequest${pull.id}`).toString('base64'),
    number: pull.number,
    title: pull.title,
    user: userJson(app, pull.user),
    labels: labelsJson(app, pull),
    state: pull.state,
    state_reason: pull.merged_at ? 'completed' : null,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: 0,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    author_association: pull.user === app.owner ? 'OWNER' : 'COLLABORATOR',
    active_lock_reason: null,
    draft: pull.draft,
    pull_request: {
      url: `${repoUrl(app)}/pulls/${pull.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: pull.merged_at,
    },
    body: pull.body,
    score: 1,
  };
}

export function reviewJson(app: App, pull: PullRecord, review: ReviewRecord): Record<string, unknown> {
  const html = `${app.webUrl}/pulls/${pull.number}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoUrl(app)}/pulls/${pull.number}`;
  return {
    id: review.id,
    node_id: Buffer.from(`017:PullRequestReview${review.id}`).toString('base64'),
    user: userJson(app, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submitted_at ? { submitted_at: review.submitted_at } : {}),
    commit_id: review.commit_id,
    author_association: review.user === app.owner ? 'OWNER' : 'COLLABORATOR',
  };
}

/** `team-simple`, for team review requests (teams are just slugs here). */
export function teamJson(app: App, slug: string): Record<string, unknown> {
  const id = stableId(`team:${slug}`);
  const url = `${app.apiUrl}/orgs/${app.owner}/teams/${encodeURIComponent(slug)}`;
  return {
    id,
    node_id: Buffer.from(`04:Team${id}`).toString('base64'),
    url,
    html_url: `${app.webUrl}/orgs/${app.owner}/teams/${encodeURIComponent(slug)}`,
    name: slug,
    slug,
    description: null,
    privacy: 'closed',
    type: 'organization',
    notification_setting: 'notifications_enabled',
    permission: 'push',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
  };
}
