/**
 * The repository itself (https://docs.github.com/rest/repos/repos#get-a-repository), the API
 * root and the rate-limit status, which clients often call first.
 */
import type { App } from '../app.ts';
import type { Route } from '../router.ts';
import { repositoryJson } from '../shapes/repository.ts';

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
