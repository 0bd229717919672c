/**
 * Markdown of pull request bodies is hostile input: the invariant is that no tag, attribute or
 * URL scheme from the body reaches the page except the ones Markdown itself produces.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from '../../packages/platform-portal/src/dev/local-github/web-view.ts';

describe('renderMarkdown', () => {
  it('renders Markdown', () => {
    expect(renderMarkdown('## Change\n\n* **bold** and `code`\n\n[docs](https://example.com/a?b=1&c=2)')).toBe(
      '<h2>Change</h2>\n<ul>\n<li><strong>bold</strong> and <code>code</code></li>\n</ul>\n' +
        '<p><a href="https://example.com/a?b=1&#38;c=2" rel="nofollow noreferrer">docs</a></p>\n',
    );
  });

  it.each([
    '<script>alert(1)</script>',
    'text <img src=x onerror=alert(1)> text',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<!-- comment --><style>body{display:none}</style>',
    '[click](javascript:alert(1))',
    '[click](JaVaScRiPt:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD4=)',
    '![x](javascript:alert(1))',
    '<svg onload=alert(1)>',
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  ])('neutralizes %j', (source) => {
    const html = renderMarkdown(source);
    for (const [, tag = '', attributes = ''] of html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)) {
      expect(['p', 'a', 'strong', 'em', 'code', 'ul', 'li', 'h2'], html).toContain(tag.toLowerCase());
      const names = [...attributes.matchAll(/\s+([\w-]+)="[^"]*"/g)].map((match) => match[1]);
      expect(names.every((name) => ['href', 'title', 'rel'].includes(name ?? '')), html).toBe(true);
    }
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
  });

  it('escapes every character that could leave a text or attribute context', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&#60;a href=&#34;x&#34; onclick=&#39;y&#39;&#62;&#38;');
  });
});
