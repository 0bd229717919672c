import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** The directives a site may add sources to, with `portal({ contentSecurityPolicy })`. */
export const CSP_DIRECTIVES = [
  'default-src',
  'script-src',
  'style-src',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'frame-src',
  'worker-src',
  'manifest-src',
  'form-action',
  'frame-ancestors',
] as const;
export type CspDirective = (typeof CSP_DIRECTIVES)[number];

/** Sources a site adds to the portal's policy, by directive: `{ 'img-src': ['https://images.example.com'] }`. */
export type CspAdditions = Partial<Record<CspDirective, string[]>>;

/** Directives that fall back to `default-src` when a policy leaves them out (CSP 3, "fetch directives"). */
const FETCH_DIRECTIVES = new Set<string>(['script-src', 'style-src', 'img-src', 'font-src', 'connect-src', 'media-src', 'frame-src', 'worker-src', 'manifest-src']);

/**
 * The policy of every page, before a site's additions. Each source is here because a page needs it:
 * - `script-src`: the site's own files (page scripts, islands, Pagefind's script and its worker),
 *   the hash of each inline script the build wrote (Starlight's theme, search and sidebar scripts,
 *   the portal's, Astro's island bootstrap), and `'wasm-unsafe-eval'` for Pagefind's WebAssembly.
 *   No `'unsafe-inline'`, no `'unsafe-eval'`.
 * - `style-src 'unsafe-inline'`: Starlight and Expressive Code write `style=""` attributes
 *   (`--sl-icon-size`, `--depth`, a colour per highlighted token), and which `<style>` elements a
 *   page inlines depends on its components. A hash in the directive would switch
 *   `'unsafe-inline'` off for the attributes too, which only `'unsafe-hashes'` with one hash per
 *   attribute value could bring back.
 * - `img-src data:`: the icons of Starlight's and Expressive Code's stylesheets are `data:` URLs.
 * - `frame-ancestors 'none'`: no other page may frame the portal (a `<meta>` policy cannot say this).
 */
export function basePolicy(scriptHashes: string[]): Map<string, string[]> {
  return new Map([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...scriptHashes.map((h) => `'${h}'`)]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ]);
}

/** A source a header line can carry: no spaces, semicolons or commas (which end a source, directive or policy). */
const SOURCE = /^[^\s;,]+$/;

/** The problems of a site's additions, in sentences; empty when they can be used. */
export function checkAdditions(additions: CspAdditions): string[] {
  const problems: string[] = [];
  for (const [directive, sources] of Object.entries(additions)) {
    if (!(CSP_DIRECTIVES as readonly string[]).includes(directive)) {
      problems.push(`contentSecurityPolicy.${directive} is not a directive the portal takes; use one of ${CSP_DIRECTIVES.join(', ')}.`);
      continue;
    }
    for (const source of sources ?? []) {
      if (!SOURCE.test(source)) problems.push(`contentSecurityPolicy.${directive}: "${source}" is not one source; give each host or keyword as its own string, without spaces, ";" or ",".`);
    }
  }
  return problems;
}

/**
 * The Content-Security-Policy header value: the base policy with a site's sources added. A
 * directive the base leaves out starts from `default-src`'s sources, as the browser would have
 * used them; an added source replaces `'none'`.
 */
export function contentSecurityPolicy(scriptHashes: string[], additions: CspAdditions = {}): string {
  const policy = basePolicy(scriptHashes);
  for (const [directive, sources = []] of Object.entries(additions)) {
    if (sources.length === 0) continue;
    const current = policy.get(directive) ?? (FETCH_DIRECTIVES.has(directive) ? [...policy.get('default-src')!] : []);
    const kept = current.filter((s) => s !== "'none'");
    policy.set(directive, [...kept, ...sources.filter((s) => !kept.includes(s))]);
  }
  return [...policy].map(([directive, sources]) => `${directive} ${sources.join(' ')}`).join('; ');
}

// A comment, or a start tag with its attributes (quoted values may hold `<` and `>`): read tag by
// tag, so that `<script>` written inside an attribute value (a page title in a meta tag) is text.
const TAG = /<!--[\s\S]*?-->|<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
/** Elements whose content is text up to their end tag, never tags. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe']);
const SRC_ATTRIBUTE = /\ssrc\s*=/i;
const TYPE_ATTRIBUTE = /\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** Types a browser runs, and so checks against `script-src`; any other type is a data block (JSON, say). */
const RUN_TYPES = /^(|module|importmap|speculationrules|(?:text|application)\/(?:x-)?(?:javascript|ecmascript)|text\/jscript)$/i;

/**
 * The `sha256-…` sources of the inline scripts in an HTML text, as `script-src` matches them:
 * over the element's text after the parser's newline normalisation (CSP 3, "does element match
 * source list"; HTML, "preprocessing the input stream").
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  TAG.lastIndex = 0;
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const name = match[1]?.toLowerCase();
    if (name === undefined || !RAW_TEXT.has(name)) continue;
    const end = new RegExp(`</${name}\\s*>`, 'ig');
    end.lastIndex = TAG.lastIndex;
    const close = end.exec(html);
    const text = html.slice(TAG.lastIndex, close ? close.index : html.length);
    TAG.lastIndex = close ? end.lastIndex : html.length;
    const attributes = match[2] ?? '';
    if (name !== 'script' || SRC_ATTRIBUTE.test(attributes)) continue;
    const type = TYPE_ATTRIBUTE.exec(attributes);
    if (type && !RUN_TYPES.test((type[1] ?? type[2] ?? type[3] ?? '').trim())) continue;
    const normalised = text.replace(/\r\n?/g, '\n');
    hashes.push(`sha256-${createHash('sha256').update(normalised, 'utf8').digest('base64')}`);
  }
  return hashes;
}

/** The hashes of every inline script of every HTML file under `dist`, each once, sorted (the same build, the same header). */
export async function builtScriptHashes(dist: string): Promise<string[]> {
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.html'));
  const hashes = new Set<string>();
  // A few files at a time: a 3,000-page site reads ~100 MB, and one file at a time waits on each read.
  const batch = 32;
  for (let i = 0; i < files.length; i += batch) {
    const texts = await Promise.all(files.slice(i, i + batch).map((f) => readFile(path.join(dist, f), 'utf-8')));
    for (const text of texts) for (const hash of inlineScriptHashes(text)) hashes.add(hash);
  }
  return [...hashes].sort();
}
