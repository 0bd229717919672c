/**
 * A web view of the pull requests: the list at `/`, one pull at `/pulls/{n}` with its body
 * (Markdown), labels, reviewers, per-file diff and, while it is open, the Merge and Close buttons
 * (plain forms; web-actions.ts takes their posts). Server-rendered HTML, no scripts.
 * Pull request bodies are hostile input: raw HTML in them is shown as text and only http(s),
 * mailto and relative links survive.
 */
import { Marked, type Tokens } from 'marked';
import type { App } from './app.ts';
import { mergeTrees } from './git-history.ts';
import { pullFiles, pullTips } from './pull-git.ts';
import type { PullRecord } from './store.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** http(s), mailto, fragments and relative URLs; everything else (javascript:, data:) is dropped. */
function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed) || /^[#/?.]/.test(trimmed)) return trimmed;
  return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || /[\u0000-\u001f]/.test(trimmed) ? null : trimmed;
}

const markdown = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (href === null) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title} rel="nofollow noreferrer">${text}</a>`;
    },
    // Images would load from anywhere; show their alt text as a link instead.
    image(token: Tokens.Image) {
      const href = safeHref(token.href);
      const alt = escapeHtml(token.text || 'image');
      return href === null ? alt : `<a href="${escapeHtml(href)}" rel="nofollow noreferrer">${alt}</a>`;
    },
  },
});

export function renderMarkdown(source: string): string {
  return markdown.parse(source) as string;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 1.5rem;color:#1f2328}
a{color:#0550ae}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #d0d7de;vertical-align:top}
.label{display:inline-block;border:1px solid #8c959f;border-radius:1rem;padding:0 .5rem;margin:0 .25rem .25rem 0;font-size:.85rem}
.state{font-weight:600}.open{color:#1a7f37}.merged{color:#8250df}.closed{color:#cf222e}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem;overflow-x:auto;font-size:.85rem}
.add{background:#dafbe1;display:block}.del{background:#ffebe9;display:block}.hunk{color:#57606a;display:block}
article{border:1px solid #d0d7de;border-radius:.4rem;padding:0 1rem}
.merge-box{border:1px solid #d0d7de;border-radius:.4rem;padding:0 1rem 1rem;margin-top:1.5rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}.actions form{margin:0}
.button{font:inherit;font-size:.875rem;font-weight:600;line-height:1.25rem;padding:.3rem 1rem;border:1px solid rgba(31,35,40,.15);border-radius:.4rem;background:#f6f8fa;color:#24292f;cursor:pointer}
.button:hover{background:#eaeef2}.button:focus-visible{outline:2px solid #0969da;outline-offset:2px}
.button.primary{background:#1f883d;color:#fff}.button.primary:hover{background:#1a7f37}
.button:disabled{background:#94d3a2;color:#fff;cursor:not-allowed}
.notice{border:1px solid #ff8182;border-radius:.4rem;background:#ffebe9;padding:.5rem 1rem}`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><header><p><a href="/">Local GitHub</a></p></header><main>
${body}
</main></body></html>
`;
}

function stateOf(pull: PullRecord): { text: string; css: string } {
  if (pull.merged_at) return { text: 'Merged', css: 'merged' };
  if (pull.state === 'closed') return { text: 'Closed', css: 'closed' };
  return { text: pull.draft ? 'Draft' : 'Open', css: 'open' };
}

function labels(pull: PullRecord): string {
  if (pull.labels.length === 0) return '<span>none</span>';
  return `<ul aria-label="Labels" style="list-style:none;padding:0;margin:0">${pull.labels
    .map((name) => `<li class="label">${escapeHtml(name)}</li>`)
    .join('')}</ul>`;
}

const time = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.replace('T', ' ').replace('Z', ' UTC'))}</time>`;

export function renderPullList(app: App): string {
  const pulls = [...app.store.state.pulls].sort((a, b) => b.number - a.number);
  const rows = pulls.map((pull) => {
    const state = stateOf(pull);
    return `<tr><td>#${pull.number}</td><th scope="row"><a href="/pulls/${pull.number}">${escapeHtml(pull.title)}</a></th>
<td class="state ${state.css}">${state.text}</td><td>${labels(pull)}</td>
<td><code>${escapeHtml(pull.head)}</code> → <code>${escapeHtml(pull.base)}</code></td>
<td>${escapeHtml(pull.user)}</td><td>${time(pull.created_at)}</td></tr>`;
  });
  const table = pulls.length
    ? `<table><caption>${pulls.length} pull request${pulls.length === 1 ? '' : 's'}, newest first</caption>
<thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">State</th><th scope="col">Labels</th>
<th scope="col">Branch</th><th scope="col">Author</th><th scope="col">Created</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`
    : '<p>No pull requests yet.</p>';
  return page(`Pull requests · ${app.fullName}`, `<h1>Pull requests in ${escapeHtml(app.fullName)}</h1>\n${table}`);
}

function diffLines(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      const css = line.startsWith('@@') ? 'hunk' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : '';
      return css ? `<span class="${css}">${escapeHtml(line)}</span>` : escapeHtml(line);
    })
    .join('\n');
}

/** A form that posts only the server's token to `/pulls/{n}/{action}`. */
function actionForm(pull: PullRecord, action: 'merge' | 'close', token: string, button: string): string {
  return `<form method="post" action="/pulls/${pull.number}/${action}"><input type="hidden" name="token" value="${escapeHtml(token)}">${button}</form>`;
}

/** GitHub's merge box: the buttons while the pull is open, what became of it once closed. */
async function mergeBox(app: App, pull: PullRecord, token: string): Promise<string> {
  let content: string;
  if (pull.merged_at) {
    const commit = pull.merge_commit_sha ? ` commit <code>${escapeHtml(pull.merge_commit_sha.slice(0, 7))}</code>` : '';
    content = `<p class="merged">${escapeHtml(pull.merged_by ?? 'Someone')} merged${commit} into <code>${escapeHtml(pull.base)}</code> on ${time(pull.merged_at)}.</p>`;
  } else if (pull.state === 'closed') {
    content = `<p class="closed">Closed without merging${pull.closed_at ? ` on ${time(pull.closed_at)}` : ''}.</p>`;
  } else {
    const tips = await pullTips(app, pull);
    const clean = (await mergeTrees(app.git, tips.base, tips.head)).clean;
    // GitHub disables the button on conflicts; a stale page that posts anyway is refused with the reason.
    const status = clean
      ? '<p id="merge-status" class="open">This branch has no conflicts with the base branch.</p>'
      : '<p id="merge-status" class="closed">This branch has conflicts that must be resolved.</p>';
    const merge = `<button type="submit" class="button primary"${clean ? '' : ' disabled aria-describedby="merge-status"'}>Merge pull request</button>`;
    const close = '<button type="submit" class="button">Close pull request</button>';
    content = `${status}\n<div class="actions">${actionForm(pull, 'merge', token, merge)}${actionForm(pull, 'close', token, close)}</div>`;
  }
  return `<section class="merge-box" aria-labelledby="merge-heading"><h2 id="merge-heading">Merge</h2>\n${content}</section>`;
}

export interface PullView {
  /** The server's form token, put in the Merge and Close forms. */
  token: string;
  /** Why the last action was refused, shown above everything else. */
  notice?: string;
}

export async function renderPull(app: App, pull: PullRecord, view: PullView): Promise<string> {
  const state = stateOf(pull);
  const files = await pullFiles(app, pull);
  const reviews = pull.reviews.filter((review) => review.submitted_at !== null);
  const people = (logins: string[]) => (logins.length ? logins.map(escapeHtml).join(', ') : 'none');
  const diff = files
    .map((file) => {
      const body = file.patch === undefined ? '<p>Binary file or mode change, not shown.</p>' : `<pre><code>${diffLines(file.patch)}</code></pre>`;
      return `<section><h3><code>${escapeHtml(file.filename)}</code> (${file.status}, +${file.additions} −${file.deletions})</h3>\n${body}</section>`;
    })
    .join('\n');
  const notice = view.notice ? `<p role="alert" class="notice">${escapeHtml(view.notice)}</p>\n` : '';
  const body = `<h1>${escapeHtml(pull.title)} <span>#${pull.number}</span></h1>
${notice}<p class="state ${state.css}">${state.text}</p>
<dl>
<dt>Author</dt><dd>${escapeHtml(pull.user)}</dd>
<dt>Branch</dt><dd><code>${escapeHtml(pull.head)}</code> into <code>${escapeHtml(pull.base)}</code></dd>
<dt>Created</dt><dd>${time(pull.created_at)}</dd>
<dt>Labels</dt><dd>${labels(pull)}</dd>
<dt>Requested reviewers</dt><dd>${people([...pull.requested_reviewers, ...pull.requested_teams.map((team) => `team ${team}`)])}</dd>
<dt>Reviews</dt><dd>${reviews.length ? reviews.map((review) => `${escapeHtml(review.user)}: ${review.state}`).join(', ') : 'none'}</dd>
${pull.merge_commit_sha ? `<dt>Merge commit</dt><dd><code>${pull.merge_commit_sha}</code></dd>` : ''}
</dl>
<h2>Description</h2>
<article>${pull.body ? renderMarkdown(pull.body) : '<p>No description.</p>'}</article>
${await mergeBox(app, pull, view.token)}
<h2>Files changed (${files.length})</h2>
${diff || '<p>No changes.</p>'}`;
  return page(`${pull.title} · #${pull.number}`, body);
}

export function renderNotFound(): string {
  return page('Not found', '<h1>Not found</h1><p>There is no such pull request here.</p>');
}

/** A refused form post (foreign origin, no token) or a failure: the reason, never a stack trace. */
export function renderRefusal(message: string, title = 'Refused'): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>\n<p><a href="/">Back to the pull requests</a></p>`);
}
