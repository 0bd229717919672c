/**
 * Who opened a pull request. A request is a pull request the portal's own login opened: the marker
 * in a body can be copied into anyone's pull request, the author cannot.
 */

/**
 * The search qualifier for pull requests opened by `login`. GitHub's search names a GitHub App's
 * bot `app/<slug>`, not by its login `<slug>[bot]`:
 * https://docs.github.com/search-github/searching-on-github/searching-issues-and-pull-requests#search-by-author
 */
export function authorQualifier(login: string): string {
  const bot = /^(.+)\[bot\]$/.exec(login);
  return bot ? `author:app/${bot[1]}` : `author:${login}`;
}

/** Whether `user` (a pull request's or search result's) is `login`; GitHub logins ignore case. */
export function isLogin(user: { login: string } | null | undefined, login: string): boolean {
  return user?.login.toLowerCase() === login.toLowerCase();
}
