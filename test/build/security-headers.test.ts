/**
 * The built site's dist/_headers: the portal's rule for every path, a policy that allows exactly
 * the inline scripts the build wrote, and, on a copy of the fixture with a public/_headers and a
 * contentSecurityPolicy option of its own, the site's rules kept and applied by wrangler as
 * Cloudflare Pages applies them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { builtPages, DIST } from '../helpers/dist.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { startOnFreePorts } from '../helpers/free-ports.ts';
import { startWranglerDev, type WranglerDev } from '../../packages/platform-portal/src/dev/wrangler-dev.ts';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';

/** The rules of a _headers text: path → header lines (comments and blank lines left out). */
function rulesOf(text: string): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^([^\s]+:\/\/|\/)/.test(trimmed)) rules.set(trimmed, (current = []));
    else current!.push(trimmed);
  }
  return rules;
}

const headerOf = (lines: string[], name: string) => lines.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();

describe("the fixture's dist/_headers", () => {
  let text: string;
  let pages: Map<string, HTMLElement>;
  beforeAll(async () => {
    [text, pages] = await Promise.all([readFile(path.join(DIST, '_headers'), 'utf-8'), builtPages()]);
  });

  it('has one rule, for every path, with the policy and the other security headers', () => {
    const rules = rulesOf(text);
    expect([...rules.keys()]).toEqual(['/*']);
    const every = rules.get('/*')!;
    expect(every.map((l) => l.split(':')[0])).toEqual(['Content-Security-Policy', 'X-Content-Type-Options', 'X-Frame-Options', 'Referrer-Policy', 'Cross-Origin-Opener-Policy', 'Permissions-Policy']);
    const csp = headerOf(every, 'Content-Security-Policy')!.replace(/ 'sha256-[^']+'/g, '');
    expect(csp).toBe("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(2000);
  });

  // Read with an HTML parser, not the integration's own scan: each script a page runs inline is
  // allowed by its hash, and the policy allows nothing the pages do not run.
  it('allows every inline script of every page by its hash, and no other', () => {
    const allowed = new Set([...headerOf(rulesOf(text).get('/*')!, 'Content-Security-Policy')!.matchAll(/'(sha256-[^']+)'/g)].map((m) => m[1]));
    const needed = new Set<string>();
    for (const [sitePath, page] of pages) {
      for (const script of page.querySelectorAll('script:not([src])')) {
        const type = script.getAttribute('type') ?? '';
        if (!['', 'module', 'text/javascript'].includes(type)) continue;
        const hash = `sha256-${createHash('sha256').update(script.rawText).digest('base64')}`;
        expect(allowed.has(hash), `${sitePath}: ${script.rawText.slice(0, 80)}`).toBe(true);
        needed.add(hash);
      }
    }
    expect([...allowed].sort()).toEqual([...needed].sort());
  });

  // The policy has no 'unsafe-hashes': an event handler attribute or a javascript: URL would not run.
  it('has no event handler attributes or javascript: URLs, which the policy would block', () => {
    const found: string[] = [];
    for (const [sitePath, page] of pages) {
      for (const element of page.querySelectorAll('*')) {
        for (const [name, value] of Object.entries(element.attributes)) {
          if (/^on[a-z]+$/i.test(name) || /^\s*javascript:/i.test(value)) found.push(`${sitePath}: <${element.tagName.toLowerCase()} ${name}="${value.slice(0, 40)}">`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

describe('a site with its own public/_headers and sources of its own', () => {
  let site: SiteCopy;
  let state: string;
  let wrangler: WranglerDev | undefined;
  let output: string;

  beforeAll(async () => {
    site = await copySite('own-headers');
    state = await mkdtemp(path.join(os.tmpdir(), 'portal-headers-'));
    await site.write(
      'astro.config.mjs',
      [
        "import { defineConfig } from 'astro/config';",
        "import portal from 'platform-portal';",
        '',
        'export default defineConfig({',
        "  integrations: [portal({ contentSecurityPolicy: { 'img-src': ['https://images.example.com'], 'frame-src': ['https://www.youtube-nocookie.com'] } })],",
        '});',
        '',
      ].join('\n'),
    );
    await site.write('public/_headers', ['# Downloads open as files, and may be framed by the intranet.', '/downloads/*', '  Content-Disposition: attachment', '  ! X-Frame-Options', '', '/*', '  X-Frame-Options: SAMEORIGIN', '  X-Robots-Tag: noindex', ''].join('\n'));
    await site.write('public/downloads/notes.txt', 'notes\n');
    const build = await site.run(['build']);
    output = build.output;
    if (build.code !== 0) throw new Error(`building the copy failed:\n${output.slice(-3000)}`);
    wrangler = await startOnFreePorts(async () => startWranglerDev({ root: site.dir, port: await freePort(), persistTo: path.join(state, 'wrangler'), bindings: {} }));
  }, 300_000);
  afterAll(async () => {
    await wrangler?.stop();
    await site?.dispose();
    if (state) await rm(state, { recursive: true, force: true });
  });

  it("keeps the site's rules, and its lines for /* replace the portal's header of the same name", async () => {
    const rules = rulesOf(await readFile(path.join(site.dir, 'dist/_headers'), 'utf-8'));
    expect([...rules.keys()]).toEqual(['/*', '/downloads/*']);
    expect(rules.get('/downloads/*')).toEqual(['Content-Disposition: attachment', '! X-Frame-Options']);
    const every = rules.get('/*')!;
    expect(every.filter((l) => /^x-frame-options:/i.test(l))).toEqual(['X-Frame-Options: SAMEORIGIN']);
    expect(every).toContain('X-Robots-Tag: noindex');
    expect(output).toMatch(/dist\/_headers: security headers for every path, \d+ inline script hashes, X-Frame-Options as public\/_headers sets it\./);
  });

  it('is served with them by wrangler pages dev, as Cloudflare Pages serves it', async () => {
    const page = (await fetch(`${wrangler!.url}/guides/getting-started/`)).headers;
    expect(page.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.get('x-robots-tag')).toBe('noindex');
    expect(page.get('x-content-type-options')).toBe('nosniff');
    const csp = page.get('content-security-policy')!;
    expect(csp).toContain("img-src 'self' data: https://images.example.com;");
    expect(csp.split('; ')).toContain("frame-src 'self' https://www.youtube-nocookie.com");
    expect(csp).toContain("frame-ancestors 'none'");
    const download = (await fetch(`${wrangler!.url}/downloads/notes.txt`)).headers;
    expect(download.get('content-disposition')).toBe('attachment');
    expect(download.get('x-frame-options')).toBeNull();
    expect(download.get('content-security-policy')).toBe(csp);
  });
});
