/**
 * Expressive Code's syntax highlighting with each code block tokenized once for all its themes
 * (theme-tokens.ts) instead of once per theme: Starlight's dark and light themes made Shiki's
 * grammar work twice, the largest single cost of building code-heavy docs.
 *
 * It takes the place of Expressive Code's Shiki plugin (by its name) and does what that plugin
 * does for a grammar of Shiki's bundle: load it and the languages it embeds, load each theme under
 * the same key, and annotate each token. Anything else (plain text, ANSI, a language Shiki does
 * not bundle, so its warning) goes to Expressive Code's own plugin.
 */
import {
  definePlugin,
  getStableObjectHash,
  InlineStyleAnnotation,
  pluginShiki,
  type ExpressiveCodeTheme,
} from '@astrojs/starlight/expressive-code';
import { createHighlighterCore, isSpecialLang, type HighlighterCore, type LanguageRegistration } from 'shiki/core';
import { createOnigurumaEngine } from 'shiki/engine/oniguruma';
import { bundledLanguages } from 'shiki/langs';
import { tokenizeForThemes } from './theme-tokens.ts';

const TERMINAL_LANGUAGES = ['shellscript', 'shell', 'bash', 'sh', 'zsh', 'nu', 'nushell'];
/** Font style bits of Shiki's tokens. */
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;
const STRIKETHROUGH = 8;

let highlighter: Promise<HighlighterCore> | undefined;
/** Loading languages and themes one at a time, as Expressive Code does: they share grammars. */
let loading: Promise<unknown> = Promise.resolve();
const languages = new Map<string, Promise<boolean>>();
const themeKeys = new WeakMap<ExpressiveCodeTheme, Promise<string>>();

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({ themes: [], langs: [], engine: createOnigurumaEngine(import('shiki/wasm')) });
  return highlighter;
}

function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = loading.then(task);
  loading = run.catch(() => undefined);
  return run;
}

/** Whether `language` is a bundled grammar now loaded with every language it embeds. */
function loadLanguage(shiki: HighlighterCore, language: string): Promise<boolean> {
  let loaded = languages.get(language);
  if (!loaded) {
    loaded = serially(() => loadBundledLanguage(shiki, language));
    languages.set(language, loaded);
  }
  return loaded;
}

async function loadBundledLanguage(shiki: HighlighterCore, language: string): Promise<boolean> {
  if (isSpecialLang(language)) return false;
  const present = new Set(shiki.getLoadedLanguages());
  const seen = new Set<string>();
  const registrations = new Map<string, LanguageRegistration>();
  let complete = true;
  const resolve = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    if (present.has(name) || isSpecialLang(name)) return;
    const load = bundledLanguages[name as keyof typeof bundledLanguages];
    if (!load) {
      complete = false;
      return;
    }
    const grammars = (await load()).default;
    for (const grammar of grammars) {
      if (!present.has(grammar.name)) registrations.set(grammar.name, { ...grammar, repository: grammar.repository ?? {}, embeddedLangsLazy: [] });
    }
    await Promise.all([...new Set(grammars.flatMap((g) => g.embeddedLangsLazy ?? []))].map(resolve));
  };
  await resolve(language);
  if (!complete) return false;
  if (registrations.size > 0) await shiki.loadLanguage(...registrations.values());
  return true;
}

/** The theme's name in Shiki, under the key Expressive Code's plugin gives it. */
function loadTheme(shiki: HighlighterCore, theme: ExpressiveCodeTheme): Promise<string> {
  let key = themeKeys.get(theme);
  if (!key) {
    const name = `${theme.name}-${getStableObjectHash({ bg: theme.bg, fg: theme.fg, settings: theme.settings })}`;
    key = serially(async () => {
      if (!shiki.getLoadedThemes().includes(name)) await shiki.loadTheme({ ...theme, name, settings: theme.settings ?? [] });
      return name;
    });
    themeKeys.set(theme, key);
  }
  return key;
}

export function pluginShikiOnce() {
  const shikiPerTheme = pluginShiki();
  return definePlugin({
    name: 'Shiki',
    hooks: {
      performSyntaxAnalysis: async (context) => {
        const { codeBlock, styleVariants } = context;
        const shiki = await getHighlighter();
        if (!(await loadLanguage(shiki, codeBlock.language))) return shikiPerTheme.hooks?.performSyntaxAnalysis?.(context);
        const themeNames = await Promise.all(styleVariants.map((variant) => loadTheme(shiki, variant.theme)));
        // As in Expressive Code's plugin: placeholders such as <file> in shell code read as words.
        const code = TERMINAL_LANGUAGES.includes(codeBlock.language) ? codeBlock.code.replace(/<([^>]*[^>\s])>/g, 'X$1X') : codeBlock.code;
        const lines = codeBlock.getLines();
        tokenizeForThemes(shiki, code, codeBlock.language, themeNames).forEach((tokenLines, styleVariantIndex) => {
          const theme = styleVariants[styleVariantIndex]!.theme;
          tokenLines.forEach((tokens, lineIndex) => {
            let columnStart = 0;
            for (const token of tokens) {
              const columnEnd = columnStart + token.content.length;
              const fontStyle = token.fontStyle || 0;
              lines[lineIndex]?.addAnnotation(
                new InlineStyleAnnotation({
                  styleVariantIndex,
                  color: token.color || theme.fg,
                  bgColor: token.bgColor,
                  italic: (fontStyle & ITALIC) === ITALIC,
                  bold: (fontStyle & BOLD) === BOLD,
                  underline: (fontStyle & UNDERLINE) === UNDERLINE,
                  strikethrough: (fontStyle & STRIKETHROUGH) === STRIKETHROUGH,
                  inlineRange: { columnStart, columnEnd },
                  renderPhase: 'earliest',
                }),
              );
              columnStart = columnEnd;
            }
          });
        });
      },
    },
  });
}
