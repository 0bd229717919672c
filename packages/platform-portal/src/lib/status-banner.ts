/**
 * The banner of a page whose service or tenant an open incident or a maintenance window concerns,
 * as the HTML Starlight's `banner` takes (frontmatter or route data; it is set as HTML). The page is
 * built once and read for days: each window's notice carries its end (`data-ends`), and a few lines
 * of inline script hide the notices whose end has passed when the page is viewed, and the banner
 * once none is left. An incident has no end until it is resolved; the rebuild its file's change
 * starts removes it. The script is the same on every page: one hash in the CSP (integration/csp.ts).
 */
import { formatDateTime } from './dates.ts';
import { escapeHtml } from './html.ts';
import type { Notice } from './status.ts';

const IMPACT_WORDS: Record<string, string> = { outage: 'an outage', degraded: 'a degraded service', none: 'no interruption' };

function noticeHtml(notice: Notice): string {
  const link = `<a href="${escapeHtml(notice.href)}">${escapeHtml(notice.title)}</a>`;
  if (notice.kind === 'incident') {
    return `<p class="status-notice" data-kind="incident">Incident (${notice.impact}): ${link}, since ${formatDateTime(notice.started)}.</p>`;
  }
  const when = notice.phase === 'open' ? `Maintenance now, until ${formatDateTime(notice.ends)}` : `Maintenance scheduled from ${formatDateTime(notice.starts)} to ${formatDateTime(notice.ends)}`;
  return `<p class="status-notice" data-kind="maintenance" data-ends="${notice.ends.toISOString()}">${when}: ${link} (expect ${IMPACT_WORDS[notice.impact]}).</p>`;
}

/**
 * Hides each notice whose `data-ends` has passed, then every status banner with no notice left and
 * nothing else in it; again each minute, for a page left open. Kept in one line: its text is what the
 * CSP hash is of.
 */
export const BANNER_SCRIPT =
  "(function hide(){var now=Date.now();document.querySelectorAll('.status-notice[data-ends]').forEach(function(n){if(Date.parse(n.dataset.ends)<=now)n.hidden=true});document.querySelectorAll('.status-notices').forEach(function(b){if(!b.querySelector('.status-notice:not([hidden])'))b.hidden=true;var banner=b.parentElement;if(banner&&banner.classList.contains('sl-banner')&&Array.prototype.every.call(banner.children,function(c){return c.hidden||c.tagName==='SCRIPT'}))banner.hidden=true});setTimeout(hide,60000)})()";

/**
 * The banner's HTML for the notices, before a banner the page has of its own (kept, in a `<div>` so
 * that hiding the notices leaves it); undefined when there is nothing to announce and no own banner.
 */
export function statusBannerHtml(notices: readonly Notice[], own?: string): string | undefined {
  if (notices.length === 0) return own;
  const ownPart = own ? `<div>${own}</div>` : '';
  return `<div class="status-notices">${notices.map(noticeHtml).join('')}</div>${ownPart}<script>${BANNER_SCRIPT}</script>`;
}
