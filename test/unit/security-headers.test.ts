/**
 * The security headers without a build: the policy and a site's additions to it, the hashes of
 * inline scripts, the merge of the portal's rule with a site's own `_headers`, Cloudflare's
 * limits, and the headers of the API's answers.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAdditions, contentSecurityPolicy, inlineScriptHashes, type CspAdditions } from '../../packages/platform-portal/src/integration/csp.ts';
import { checkLimits, HEADERS_COMMENT, MAX_LINE_LENGTH, mergeHeaders } from '../../packages/platform-portal/src/integration/headers-file.ts';
import { API_SECURITY_HEADERS, HttpProblem, json, problemResponse } from '../../packages/platform-portal/src/http/problems.ts';

const sha = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

describe('the content security policy', () => {
  it('allows the hashed inline scripts and WebAssembly, never inline or eval’d script, and no framing', () => {
    expect(directives(contentSecurityPolicy(['sha256-abc=']))).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval' 'sha256-abc='",
      'style-src': "'self' 'unsafe-inline'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
  });

  it("adds a site's sources: a directive it leaves out starts from default-src, 'none' gives way, nothing twice", () => {
    const policy = directives(
      contentSecurityPolicy([], { 'img-src': ['https://images.example.com', 'data:'], 'frame-src': ['https://www.youtube-nocookie.com'], 'frame-ancestors': ['https://intranet.example.com'], 'connect-src': [] }),
    );
    expect(policy['img-src']).toBe("'self' data: https://images.example.com");
    expect(policy['frame-src']).toBe("'self' https://www.youtube-nocookie.com");
    expect(policy['frame-ancestors']).toBe('https://intranet.example.com');
    expect(policy).not.toHaveProperty('connect-src');
  });

  it('refuses additions that would break the header, in sentences', () => {
    // A site writing plain JavaScript in astro.config.mjs gets no type check: a directive the portal does not take is refused too.
    const additions = { 'img-src': ['https://a.example.com https://b.example.com'], 'script-src-attr': ["'unsafe-inline'"], 'connect-src': ['https://x.example.com;'] } as CspAdditions;
    expect(checkAdditions(additions)).toMatchInlineSnapshot(`
      [
        "contentSecurityPolicy.img-src: "https://a.example.com https://b.example.com" is not one source; give each host or keyword as its own string, without spaces, ";" or ",".",
        "contentSecurityPolicy.script-src-attr is not a directive the portal takes; use one of default-src, script-src, style-src, img-src, font-src, connect-src, media-src, frame-src, worker-src, manifest-src, form-action, frame-ancestors.",
        "contentSecurityPolicy.connect-src: "https://x.example.com;" is not one source; give each host or keyword as its own string, without spaces, ";" or ",".",
      ]
    `);
    expect(checkAdditions({ 'img-src': ['https://images.example.com'] })).toEqual([]);
  });
});

describe('the hashes of inline scripts', () => {
  it('hashes what the browser runs: classic and module scripts, whatever the attributes', () => {
    const html = [
      '<script>a()</script>',
      '<SCRIPT type="module" data-note="x > y">b()</SCRIPT>',
      "<script type='text/javascript' aria-hidden=\"true\">c()</script >",
      '<script type="speculationrules">{}</script>',
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([sha('a()'), sha('b()'), sha('c()'), sha('{}')]);
  });

  it('reads `<script>` inside an attribute value, a title or a comment as the text it is, which allows nothing', () => {
    const html = [
      '<meta property="og:title" content="Slow merges </title><script>alert(1)</script>">',
      '<title>x &lt;/title><script>alert(2)</script></title>',
      '<!-- <script>alert(3)</script> -->',
      "<a title='<script>alert(4)</script>'>x</a>",
      '<script>ok()</script>',
    ].join('');
    expect(inlineScriptHashes(html)).toEqual([sha('ok()')]);
  });

  it('leaves out scripts with a src and data blocks, which script-src does not check', () => {
    const html = '<script src="/a.js"></script><script type="application/ld+json">{"a":1}</script><script type="application/json" id="x">[]</script>';
    expect(inlineScriptHashes(html)).toEqual([]);
  });

  it('hashes the text after the HTML parser has turned CR LF and CR into LF', () => {
    expect(inlineScriptHashes('<script>a();\r\nb();\rc();</script>')).toEqual([sha('a();\nb();\nc();')]);
  });
});

describe("the _headers file: the portal's rule and the site's own", () => {
  const PORTAL = [
    ['Content-Security-Policy', "default-src 'self'"],
    ['X-Frame-Options', 'DENY'],
    ['Permissions-Policy', 'camera=()'],
  ] as const;

  it('is the portal’s rule for /* alone when the site has no _headers', () => {
    expect(mergeHeaders('', PORTAL).text).toBe(`${HEADERS_COMMENT}\n/*\n  Content-Security-Policy: default-src 'self'\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=()\n`);
  });

  it("keeps the site's rules; its lines for /* go into the portal's rule and replace the headers they name", () => {
    const site = ['# Our own', '/downloads/*', '  Content-Disposition: attachment', '  ! X-Frame-Options', '', '/*', '  x-frame-options: SAMEORIGIN', '  ! Permissions-Policy', '  X-Robots-Tag: noindex', ''].join('\n');
    const merged = mergeHeaders(site, PORTAL);
    expect(merged.replaced).toEqual(['X-Frame-Options', 'Permissions-Policy']);
    expect(merged.text).toMatchInlineSnapshot(`
      "# platform-portal's security headers for every path, then the site's own rules from public/_headers.
      /*
        Content-Security-Policy: default-src 'self'
        x-frame-options: SAMEORIGIN
        ! Permissions-Policy
        X-Robots-Tag: noindex

      # Our own
      /downloads/*
        Content-Disposition: attachment
        ! X-Frame-Options
      "
    `);
  });

  it('gives the same file when merged again (idempotent), with CR LF line ends or without', () => {
    const site = '/*\r\n  X-Frame-Options: SAMEORIGIN\r\n\r\n/a/*\r\n  X-Robots-Tag: noindex\r\n';
    const once = mergeHeaders(site, PORTAL).text;
    expect(mergeHeaders(once, PORTAL).text).toBe(once);
  });

  it("says what Cloudflare would drop: lines over 2,000 characters, rules past 100", () => {
    const long = mergeHeaders('', [['Content-Security-Policy', `script-src ${"'sha256-x' ".repeat(200)}`]]).text;
    const many = Array.from({ length: 100 }, (_, i) => `/p${i}/*\n  X-Robots-Tag: noindex`).join('\n');
    expect(checkLimits(long)).toEqual([expect.stringMatching(/^Line 3 \(Content-Security-Policy\) is \d+ characters long; Cloudflare Pages ignores lines over 2000\.$/)]);
    expect(checkLimits(mergeHeaders(many, PORTAL).text)).toEqual(['The file has 101 rules; Cloudflare Pages reads the first 100 and ignores the rest.']);
    expect(checkLimits(mergeHeaders('', [['X', 'y'.repeat(MAX_LINE_LENGTH - 5)]]).text)).toEqual([]);
  });
});

describe("the API's answers", () => {
  it('carry the security headers, answers and problems alike, whatever headers the caller adds', async () => {
    const answers = [json(201, { ok: true }, { location: '/x' }), json(200, [], { 'referrer-policy': 'unsafe-url' }), problemResponse(new HttpProblem('rate-limited', 'Wait.', {}, { 'retry-after': '5' }))];
    for (const answer of answers) {
      for (const [name, value] of Object.entries(API_SECURITY_HEADERS)) expect(answer.headers.get(name), name).toBe(value);
    }
    expect(answers[0]!.headers.get('location')).toBe('/x');
    expect(answers[2]!.headers.get('retry-after')).toBe('5');
    expect(answers[2]!.headers.get('content-type')).toBe('application/problem+json');
  });
});
