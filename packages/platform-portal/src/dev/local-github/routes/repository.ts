/**
 * The repository itself (https://docs.github.com/rest/repos/repos#get-a-repository), the API
 * root, the rate-limit status and the token's user, which clients often call first.
 */
import type { App } from '../app.ts';
import { problems } from '../errors.ts';
import type { Route } from '../router.ts';
import { repositoryJson, userJson } from '../shapes/repository.ts';

/** GET / for API clients (api.github.com answers with a map of URL templates). */
export function apiRootJson(app: App): Record<string, string> {
  return {
    current_user_url: `${app.apiUrl}/user`,
    repository_url: `${app.apiUrl}/repos/{owner}/{repo}`,
    issue_search_url: `${app.apiUrl}/search/issues?q={query}{&page,per_page,sort,order}`,
    rate_limit_url: `${app.apiUrl}/rate_limit`,
    local_repository_url: `${app.apiUrl}/repos/${app.fullName}`,
    local_web_view_url: `${app.webUrl}/`,
  };
}

export const repositoryRoutes: Route[] = [
  {
    name: 'get-repo',
    method: 'GET',
    template: '/repos/{owner}/{repo}',
    docs: 'https://docs.github.com/rest/repos/repos#get-a-repository',
    async handle({ app }) {
      return { status: 200, body: repositoryJson(app) };
    },
  },
  {
    name: 'get-authenticated-user',
    method: 'GET',
    template: '/user',
    docs: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
    async handle({ app, login }) {
      // GitHub refuses an app installation's token here (GitHub Actions' token is one).
      if (login.endsWith('[bot]')) throw problems.notAccessibleByIntegration();
      const profile = { name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null, public_repos: 0, public_gists: 0, followers: 0, following: 0 };
      return { status: 200, body: { ...userJson(app, login), ...profile, created_at: app.createdAt, updated_at: app.createdAt } };
    },
  },
  {
    name: 'rate-limit',
    method: 'GET',
    template: '/rate_limit',
    docs: 'https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user',
    async handle({ app }) {
      // Never spent: the local GitHub counts calls (see /_admin/stats) but does not refuse them.
      const reset = Math.floor(app.now().getTime() / 1000) + 3600;
      const core = { limit: 5000, used: 0, remaining: 5000, reset };
      const search = { limit: 30, used: 0, remaining: 30, reset };
      return { status: 200, body: { resources: { core, search }, rate: core } };
    },
  },
];
