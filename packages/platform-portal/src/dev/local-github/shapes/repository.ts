/**
 * JSON shapes of users, the repository and labels, as GitHub's OpenAPI description defines them
 * (`simple-user`, `full-repository`, `label`); the tests validate them against that description.
 */
import { repoUrl, stableId, type App } from '../app.ts';
import type { LabelRecord } from '../store.ts';

/** `simple-user`. Any login is a user here; bots keep GitHub's "[bot]" suffix and type. */
export function userJson(app: App, login: string): Record<string, unknown> {
  const api = `${app.apiUrl}/users/${encodeURIComponent(login)}`;
  const id = stableId(login);
  return {
    login,
    id,
    node_id: Buffer.from(`04:User${id}`).toString('base64'),
    avatar_url: `${app.webUrl}/avatars/${encodeURIComponent(login)}`,
    gravatar_id: '',
    url: api,
    html_url: `${app.webUrl}/users/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

const TEMPLATED_URLS: Record<string, string> = {
  archive_url: '/{archive_format}{/ref}',
  assignees_url: '/assignees{/user}',
  blobs_url: '/git/blobs{/sha}',
  branches_url: '/branches{/branch}',
  collaborators_url: '/collaborators{/collaborator}',
  comments_url: '/comments{/number}',
  commits_url: '/commits{/sha}',
  compare_url: '/compare/{base}...{head}',
  contents_url: '/contents/{+path}',
  contributors_url: '/contributors',
  deployments_url: '/deployments',
  downloads_url: '/downloads',
  events_url: '/events',
  forks_url: '/forks',
  git_commits_url: '/git/commits{/sha}',
  git_refs_url: '/git/refs{/sha}',
  git_tags_url: '/git/tags{/sha}',
  hooks_url: '/hooks',
  issue_comment_url: '/issues/comments{/number}',
  issue_events_url: '/issues/events{/number}',
  issues_url: '/issues{/number}',
  keys_url: '/keys{/key_id}',
  labels_url: '/labels{/name}',
  languages_url: '/languages',
  merges_url: '/merges',
  milestones_url: '/milestones{/number}',
  notifications_url: '/notifications{?since,all,participating}',
  pulls_url: '/pulls{/number}',
  releases_url: '/releases{/id}',
  stargazers_url: '/stargazers',
  statuses_url: '/statuses/{sha}',
  subscribers_url: '/subscribers',
  subscription_url: '/subscription',
  tags_url: '/tags',
  teams_url: '/teams',
  trees_url: '/git/trees{/sha}',
};

/** `full-repository` (also a valid `repository` and `minimal-repository`). */
export function repositoryJson(app: App): Record<string, unknown> {
  const url = repoUrl(app);
  const urls = Object.fromEntries(Object.entries(TEMPLATED_URLS).map(([key, suffix]) => [key, `${url}${suffix}`]));
  const id = stableId(app.fullName);
  const openPulls = app.store.state.pulls.filter((pull) => pull.state === 'open').length;
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name: app.name,
    full_name: app.fullName,
    private: true,
    owner: userJson(app, app.owner),
    html_url: `${app.webUrl}/`,
    description: 'Served by the local GitHub dev server.',
    fork: false,
    url,
    ...urls,
    git_url: `${url}.git`,
    ssh_url: `${url}.git`,
    clone_url: `${url}.git`,
    svn_url: `${app.webUrl}/`,
    mirror_url: null,
    homepage: null,
    language: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    forks_count: 0,
    forks: 0,
    open_issues_count: openPulls,
    open_issues: openPulls,
    subscribers_count: 0,
    network_count: 0,
    default_branch: app.baseBranch,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: 'private',
    license: null,
    topics: [],
    is_template: false,
    allow_merge_commit: true,
    allow_squash_merge: true,
    allow_rebase_merge: false,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: false,
    web_commit_signoff_required: false,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    pushed_at: app.createdAt,
    created_at: app.createdAt,
    updated_at: app.createdAt,
  };
}

/** `label`. */
export function labelJson(app: App, label: LabelRecord): Record<string, unknown> {
  return {
    id: label.id,
    node_id: Buffer.from(`05:Label${label.id}`).toString('base64'),
    url: `${repoUrl(app)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}
