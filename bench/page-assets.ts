import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';

export interface PageWeight {
  /** gzip bytes (zlib's default level 6, what most static hosts serve) of each kind. */
  html: number;
  css: number;
  js: number;
  cssFiles: number;
  jsFiles: number;
  /** The scripts counted in `js`, as site paths. */
  scripts: string[];
  /** Stylesheets and scripts from other hosts (MkDocs Material's Google Fonts): not counted. */
  external: number;
}

const ORIGIN = 'http://site.invalid';
// `import "x"`, `import {a} from "x"`, `export {a} from "x"`: not `import("x")`, which loads later.
const STATIC_IMPORT = /\b(?:import\s*["']([^"']+)["']|(?:import|export)\s*[^'"();]*?\bfrom\s*["']([^"']+)["'])/g;

/**
 * What a page loads before anyone touches it, read from the built files: the HTML, every linked
 * stylesheet, every script with a `src`, `modulepreload` links, the component and renderer of
 * each astro-island, and the static imports of all of these, followed transitively. Inline code is
 * part of the HTML. URLs resolve against the page's own path, so MkDocs' relative links work too.
 *
 * test/helpers/scripts.ts walks module scripts for the build tests; this one also needs islands,
 * relative URLs and stylesheets, and counts bytes rather than returning code.
 */
export async function pageWeight(dist: string, sitePath: string): Promise<PageWeight | undefined> {
  const htmlFile = path.join(dist, sitePath.endsWith('/') ? `${sitePath}index.html` : sitePath);
  const html = await readFile(htmlFile).catch(() => undefined);
  if (!html) return undefined;
  const page = parse(html.toString('utf-8'));
  const base = new URL(sitePath, ORIGIN);
  let external = 0;
  const local = (url: string | undefined): string | undefined => {
    if (!url) return undefined;
    const resolved = new URL(url, base);
    if (resolved.origin !== ORIGIN) {
      external++;
      return undefined;
    }
    return decodeURIComponent(resolved.pathname);
  };

  const stylesheets = new Set<string>();
  for (const link of page.querySelectorAll('link[href]')) {
    if (!(link.getAttribute('rel') ?? '').split(/\s+/).includes('stylesheet')) continue;
    const href = local(link.getAttribute('href'));
    if (href) stylesheets.add(href);
  }

  const queue: string[] = [];
  const enqueue = (url: string | undefined) => {
    const file = local(url);
    if (file) queue.push(file);
  };
  for (const script of page.querySelectorAll('script')) {
    const src = script.getAttribute('src');
    if (src) enqueue(src);
    else if (script.getAttribute('type') === 'module') queue.push(...importsOf(script.text, base.pathname));
  }
  for (const link of page.querySelectorAll('link[rel=modulepreload]')) enqueue(link.getAttribute('href'));
  for (const island of page.querySelectorAll('astro-island')) {
    enqueue(island.getAttribute('component-url'));
    enqueue(island.getAttribute('renderer-url'));
  }

  const scripts = new Map<string, Buffer>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (scripts.has(file)) continue;
    const code = await readFile(path.join(dist, file));
    scripts.set(file, code);
    queue.push(...importsOf(code.toString('utf-8'), file));
  }

  let css = 0;
  for (const file of stylesheets) css += gzipSync(await readFile(path.join(dist, file))).length;
  let js = 0;
  for (const code of scripts.values()) js += gzipSync(code).length;
  return { html: gzipSync(html).length, css, js, cssFiles: stylesheets.size, jsFiles: scripts.size, scripts: [...scripts.keys()], external };
}

/**
 * The form page of every request type the built site offers, `/request/<type>/`: one for each type
 * its portal.config.ts registers (the built-in ones when it names none), read from the build so that
 * `--dist` of any site is measured with its own forms.
 */
export async function formPages(dist: string): Promise<string[]> {
  const entries = await readdir(path.join(dist, 'request'), { withFileTypes: true }).catch(() => []);
  const built = await Promise.all(
    entries.filter((e) => e.isDirectory()).map(async (e) => ((await readFile(path.join(dist, 'request', e.name, 'index.html')).catch(() => undefined)) ? `/request/${e.name}/` : undefined)),
  );
  return built.filter((p): p is string => p !== undefined).sort();
}

/** Local files a module imports statically, as site paths; bare specifiers are left out. */
function importsOf(code: string, fromPath: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(STATIC_IMPORT)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.') && !spec.startsWith('/')) continue;
    const resolved = new URL(spec, new URL(fromPath, ORIGIN));
    if (resolved.origin === ORIGIN) found.push(decodeURIComponent(resolved.pathname));
  }
  return found;
}
