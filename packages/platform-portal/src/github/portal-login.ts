/**
 * The GitHub login the portal opens pull requests as, learned from GitHub rather than configured:
 * the credentials that open the pull requests name their author themselves, so the two cannot
 * drift apart (a rotated token of another account, a switch to a GitHub App), and a deployer has
 * one variable less to get right. The build may read GitHub with other credentials than the
 * functions (GitHub Actions' token), so it can be told the login instead (request-history.ts).
 */
import type { GitHubConfig } from './config.ts';
import { toGitHubError } from './errors.ts';
import type { Repo } from './pull-requests.ts';

/**
 * Logins learned in this isolate, by API and credentials: plain strings, never a pending promise
 * (a Worker cancels a request that waits on I/O another request started). Two first requests at
 * once both ask; the answer is the same.
 */
const learned = new Map<string, string>();

function credentialsKey(config: GitHubConfig): string {
  return config.auth.kind === 'token' ? `${config.apiUrl}\ntoken\n${config.auth.token}` : `${config.apiUrl}\napp\n${config.auth.appId}`;
}

/**
 * One call per isolate and credentials. A token's user from `GET /user`
 * (https://docs.github.com/rest/users/users#get-the-authenticated-user); a GitHub App's bot,
 * `<slug>[bot]`, from `GET /app` (https://docs.github.com/rest/apps/apps#get-the-authenticated-app),
 * which auth-app signs with the app's JWT itself: an installation token cannot read its app's
 * slug, and `GET /user` refuses it.
 */
export async function portalLogin({ gh, config }: Repo): Promise<string> {
  const key = credentialsKey(config);
  const known = learned.get(key);
  if (known !== undefined) return known;
  let login: string;
  try {
    if (config.auth.kind === 'app') {
      const { data: app } = await gh.rest.apps.getAuthenticated();
      if (!app?.slug) throw new Error('GitHub named no slug for the app (GET /app)');
      login = `${app.slug}[bot]`;
    } else {
      login = (await gh.rest.users.getAuthenticated()).data.login;
    }
  } catch (error) {
    throw toGitHubError(error, 'asking which login the portal acts as');
  }
  learned.set(key, login);
  return login;
}
