/**
 * Cloudflare Pages' `_headers` file: the portal's rule for every path, merged with a site's own
 * rules (its public/_headers, which Astro has copied into dist/). Syntax and limits:
 * https://developers.cloudflare.com/pages/configuration/headers/
 */

/** Cloudflare Pages reads at most this many rules from `_headers`, and ignores longer lines. */
export const MAX_RULES = 100;
export const MAX_LINE_LENGTH = 2000;

/** The path of the portal's rule. */
export const EVERY_PATH = '/*';

/** The first line of the file the build writes. */
export const HEADERS_COMMENT = "# platform-portal's security headers for every path, then the site's own rules from public/_headers.";

// What Cloudflare takes for a rule's first line: a path, or an absolute URL.
const PATH_LINE = /^([^\s]+:\/\/|\/)/;
const UNSET = /^!\s*(\S+)$/;

/** Headers as they go into a rule: name and value, in order. */
export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/** A site's `_headers` text taken apart: its lines for `/*` (names set or detached) and every other line as written. */
interface SiteRules {
  /** The header lines of the site's rules for `/*`, as written. */
  everyPath: string[];
  /** Lower-case names those lines set or detach (`! Name`). */
  names: Set<string>;
  /** Every other line: comments, blank lines and the rules for other paths. */
  rest: string[];
}

function splitSiteRules(text: string): SiteRules {
  const everyPath: string[] = [];
  const names = new Set<string>();
  const rest: string[] = [];
  let inEveryPath = false;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === HEADERS_COMMENT) continue;
    if (trimmed !== '' && !trimmed.startsWith('#') && PATH_LINE.test(trimmed)) {
      inEveryPath = trimmed === EVERY_PATH;
      if (inEveryPath) continue;
    } else if (inEveryPath && trimmed !== '' && !trimmed.startsWith('#')) {
      everyPath.push(`  ${trimmed}`);
      const name = UNSET.exec(trimmed)?.[1] ?? trimmed.split(':', 1)[0]!;
      names.add(name.trim().toLowerCase());
      continue;
    }
    rest.push(line);
  }
  while (rest.length > 0 && rest.at(-1)!.trim() === '') rest.pop();
  while (rest.length > 0 && rest[0]!.trim() === '') rest.shift();
  return { everyPath, names, rest };
}

export interface MergedHeaders {
  text: string;
  /** The portal's headers the site's own rule for `/*` replaced or detached, by name as the portal writes it. */
  replaced: string[];
}

/**
 * The `_headers` text of a build: one rule for `/*` with the portal's headers, then the site's
 * own. Cloudflare keeps one rule per path (wrangler's `constructHeaders`, from workers-shared,
 * keys the rules by path: a second `/*` rule replaces the first), so the site's lines for `/*`
 * go into the portal's rule, and a header they set or detach (`! Name`)
 * replaces the portal's instead of being joined to it with a comma. The portal's rule comes
 * first, so a site's rule for a narrower path can detach one of its headers. Taking the result
 * apart again gives the same text: merging is idempotent.
 */
export function mergeHeaders(siteText: string, portal: HeaderList): MergedHeaders {
  const site = splitSiteRules(siteText);
  const kept = portal.filter(([name]) => !site.names.has(name.toLowerCase()));
  const replaced = portal.filter(([name]) => site.names.has(name.toLowerCase())).map(([name]) => name);
  const rule = [EVERY_PATH, ...kept.map(([name, value]) => `  ${name}: ${value}`), ...site.everyPath];
  const rest = site.rest.length > 0 ? ['', ...site.rest] : [];
  return { text: [HEADERS_COMMENT, ...rule, ...rest, ''].join('\n'), replaced };
}

/** What Cloudflare Pages would drop from the text, in sentences: lines over its length and rules over its count. */
export function checkLimits(text: string): string[] {
  const problems: string[] = [];
  let rules = 0;
  text.split('\n').forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (line.length > MAX_LINE_LENGTH) {
      const name = trimmed.split(':', 1)[0];
      problems.push(`Line ${i + 1} (${name}) is ${line.length} characters long; Cloudflare Pages ignores lines over ${MAX_LINE_LENGTH}.`);
    }
    if (PATH_LINE.test(trimmed)) rules += 1;
  });
  if (rules > MAX_RULES) problems.push(`The file has ${rules} rules; Cloudflare Pages reads the first ${MAX_RULES} and ignores the rest.`);
  return problems;
}
