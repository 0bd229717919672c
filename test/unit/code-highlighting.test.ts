import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BASICS } from '../helpers/fixtures.ts';
import { ExpressiveCode } from '@astrojs/starlight/expressive-code';
import { toHtml } from '@astrojs/starlight/expressive-code/hast';
import { createHighlighter, type BundledLanguage, type BundledTheme } from 'shiki';
import { describe, expect, it } from 'vitest';
import ecConfig from '../../packages/platform-portal/src/expressive-code.ts';
import { tokenizeForThemes } from '../../packages/platform-portal/src/accel/theme-tokens.ts';

const SAMPLES: Record<string, string> = {
  html: '<!doctype html>\n<html><head><style>body { color: red; }\n.a::before{content:"x"}</style>\n<script>const a = 1; /* c */ function f(x){ return `t${x}` }</script></head>\n<body onclick="go()"><!-- comment --><p class="x">Hi &amp; bye</p></body></html>',
  markdown: '# Title\n\nSome *em*, **strong** and `code`.\n\n```js\nconst x = 1 // hi\n```\n\n```yaml\na: b\n```\n\n> quote\n- list [link](http://x)\n',
  tsx: "import React from 'react';\ntype P = { a?: string };\nexport const C = ({ a }: P) => <div className=\"x\" onClick={() => console.log(a)}>{a ?? 'none'}</div>;\n\nconst re = /ab+c/gi;\n",
  vue: '<template><div :class="{a: b}" @click="go">{{ msg }}</div></template>\n<script setup lang="ts">\nconst msg: string = \'hi\'\n</script>\n<style scoped>\ndiv { color: red }\n</style>',
  python: '@decorator\nclass A(B):\n    """Doc string."""\n    def f(self, x: int = 3) -> str:\n        return f"{x!r:>10}" + r\'\\d+\' # comment\n',
  sql: "SELECT a, COUNT(*) AS n -- comment\nFROM t WHERE b = 'x''y' AND c IN (1,2)\nGROUP BY a ORDER BY n DESC;\n/* block\n comment */",
  bash: '#!/bin/bash\nset -euo pipefail\nfor f in *.txt; do echo "${f%.txt}: $(wc -l < "$f")"; done\ncat <<EOF\nheredoc $HOME\nEOF\n',
  yaml: '# c\nkey: value\nlist:\n  - a: 1\n    b: "two"\n  - &anchor x\nblock: |\n  text\n  more\n',
  diff: '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-old line\n+new line\n context',
};

/** Every fenced code block of the fixture site's docs (real docs, in many languages), with its language. */
function docsCodeBlocks(): [string, string][] {
  const dir = path.join(BASICS, 'content/docs');
  const blocks: [string, string][] = [];
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.mdx?$/.test(file)) continue;
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const m of text.matchAll(/^```(\w+)[^\n]*\n([\s\S]*?)^```$/gm)) blocks.push([m[1]!, m[2]!.replace(/\n$/, '')]);
  }
  return blocks;
}

describe('tokenizing a code block once for several themes', () => {
  const themes: BundledTheme[] = ['night-owl', 'github-light', 'dracula', 'min-light'];

  it("gives each theme Shiki's own tokens, in samples with embedded languages and in the docs' code", async () => {
    const docs = docsCodeBlocks().filter(([lang]) => !['text', 'txt', 'plaintext'].includes(lang));
    expect(docs.length).toBeGreaterThan(20);
    const cases = [...Object.entries(SAMPLES), ...docs] as [BundledLanguage, string][];
    const highlighter = await createHighlighter({ themes, langs: [...new Set(cases.map(([lang]) => lang))] });
    for (const [lang, code] of cases) {
      const once = tokenizeForThemes(highlighter, code, lang, themes);
      themes.forEach((theme, i) => expect(once[i], `${lang} in ${theme}`).toEqual(highlighter.codeToTokensBase(code, { lang, theme })));
    }
  });
});

describe("the portal's Expressive Code plugins", () => {
  const TERMINAL_LABEL = '<span class="sr-only" data-pagefind-ignore>Terminal window</span>';
  const blocks = [
    ...Object.entries(SAMPLES).map(([language, code]) => ({ language, code, meta: '' })),
    { language: 'bash', code: 'kubectl logs <pod-name> -n <namespace>', meta: 'title="Logs"' },
    { language: 'python', code: 'a = 1\nb = 2\nc = 3', meta: '{2} ins={3}' },
    { language: 'ansi', code: '\u001b[32mgreen\u001b[0m and \u001b[1mbold\u001b[0m', meta: '' },
    { language: 'txt', code: 'plain <text>', meta: '' },
  ];

  it("render every block as Expressive Code's defaults do, but for the terminal label kept out of search", async () => {
    const portal = new ExpressiveCode({ plugins: ecConfig.plugins });
    const defaults = new ExpressiveCode();
    for (const block of blocks) {
      const [ours, theirs] = await Promise.all([portal.render(block), defaults.render(block)]);
      const html = toHtml(ours.renderedGroupAst).replace(TERMINAL_LABEL, '<span class="sr-only">Terminal window</span>');
      expect(html, block.language).toBe(toHtml(theirs.renderedGroupAst));
      expect([...ours.styles], block.language).toEqual([...theirs.styles]);
    }
    expect(await portal.getThemeStyles()).toBe(await defaults.getThemeStyles());
  });

  it("keep an untitled terminal frame's screen-reader label out of the search index, and only that", async () => {
    const portal = new ExpressiveCode({ plugins: ecConfig.plugins });
    const html = async (meta: string) => toHtml((await portal.render({ language: 'bash', code: 'ls', meta })).renderedGroupAst);
    expect(await html('')).toContain(TERMINAL_LABEL);
    expect(await html('title="list.sh"')).not.toContain('data-pagefind-ignore');
  });
});
