/**
 * The web view's buttons: Merge pull request and Close pull request, plain form posts to
 * `/pulls/{n}/merge` and `/pulls/{n}/close` that run the REST API's own merge and update.
 *
 * The server listens on loopback, but any page a developer visits can post a form to it
 * (cross-site request forgery), and a browser sends such a post without asking. So a post is
 * refused unless its Origin, when the browser sends one, is this server's, and it carries the
 * token the server made when it started: only a page rendered by this server knows it (other
 * sites cannot read its pages, and the Host check keeps DNS rebinding out).
 * https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
 */
import type { IncomingMessage } from 'node:http';
import type { App } from './app.ts';
import { GitHubError, problems } from './errors.ts';
import { readBody, sameToken } from './http.ts';
import { mergePull } from './routes/pull-actions.ts';
import { updatePull } from './routes/pulls.ts';
import { renderNotFound, renderPull, renderRefusal } from './web-view.ts';

export type WebAction = 'merge' | 'close';

export interface WebPost {
  action: WebAction;
  number: number;
  /** The server's form token (createToken). */
  token: string;
  /** The port the server listens on: its pages' origin is http://<loopback>:<port>. */
  port: number;
  /** Who merges or closes: the web view has no sign-in. */
  login: string;
}

/** A page to show, or where to send the browser after a post that worked. */
export type WebAnswer = { status: number; html: string } | { status: 303; location: string };

/** A form holds one short token: a few KiB is plenty, and a flood is cut off early. */
const FORM_LIMIT = 16 * 1024;

const FAILED: Record<WebAction, string> = { merge: 'The merge was refused', close: 'The pull request was not closed' };

/** The origins of the server's own pages: the loopback names a browser may use for it. */
function isOwnOrigin(origin: string, port: number): boolean {
  const own = ['127.0.0.1', 'localhost', '[::1]'].map((host) => `http://${host}:${port}`);
  return own.includes(origin.toLowerCase());
}

/** Throws the 403, 413 or 415 answer unless the post comes from this server's own page. */
async function checkPost(request: IncomingMessage, post: WebPost): Promise<void> {
  const origin = request.headers.origin;
  // Browsers send Origin with every cross-site post; "null" (sandboxed frames, file:) is foreign too.
  if (origin !== undefined && !isOwnOrigin(origin, post.port)) throw problems.foreignOrigin(origin);
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw problems.notAForm();
  const form = new URLSearchParams((await readBody(request, FORM_LIMIT)).toString('utf8'));
  if (!sameToken(form.get('token') ?? '', post.token)) throw problems.webTokenMismatch();
}

/** Runs one post: 303 back to the pull on success, else a page saying why with a 4xx. */
export async function handleWebPost(app: App, request: IncomingMessage, post: WebPost): Promise<WebAnswer> {
  try {
    await checkPost(request, post);
  } catch (error) {
    if (error instanceof GitHubError) return { status: error.status, html: renderRefusal(error.message) };
    throw error;
  }
  const pull = app.store.pull(post.number);
  if (!pull) return { status: 404, html: renderNotFound() };
  try {
    // The API answers both with a bare 405; a reviewer deserves to know which it is.
    if (pull.state !== 'open') throw problems.pullNotOpen(pull.number, pull.merged_at !== null);
    if (post.action === 'merge') await mergePull(app, { number: pull.number, login: post.login });
    else await updatePull(app, pull.number, { state: 'closed' });
    return { status: 303, location: `/pulls/${pull.number}` };
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    const now = app.store.pull(pull.number) ?? pull;
    const notice = `${FAILED[post.action]}: ${error.message}${/[.!?]$/.test(error.message) ? '' : '.'}`;
    // 405 is the API's status for "not mergeable"; for a page, 409 Conflict says it (405 means the method).
    const status = error.status === 405 ? 409 : error.status;
    return { status, html: await renderPull(app, now, { token: post.token, notice }) };
  }
}
