/**
 * Shiki's tokens of one code block for several themes from a single pass of the grammar.
 *
 * Shiki tokenizes once per theme because vscode-textmate folds the theme's styles into the token
 * metadata as it goes. The regex work that finds the tokens does not depend on the theme, though:
 * here the grammar runs once, reporting each token's scopes, and each theme's styles are folded
 * over those scopes the way vscode-textmate folds them while tokenizing (AttributedScopeStack).
 * Adjacent tokens whose metadata is equal are merged, as vscode-textmate does, so the result is
 * Shiki's `codeToTokensBase` token for token (test/unit/code-highlighting.test.ts compares them).
 */
import { applyColorReplacements, resolveColorReplacements, splitLines, type HighlighterCore, type ThemedToken } from 'shiki/core';
import { EncodedTokenMetadata, INITIAL, Theme, type IGrammar, type StateStack } from 'shiki/textmate';

/** Shiki's default time limit per line, in ms. */
const TIME_LIMIT = 500;
/** vscode-textmate's "not set" values for a token type and a font style. */
const TOKEN_TYPE_NOT_SET = 8;
const FONT_STYLE_NOT_SET = -1;

interface ScopePath {
  parent: ScopePath | null;
  scopeName: string;
}

interface ThemeStyles {
  theme: Theme;
  colorMap: string[];
  replacements: ReturnType<typeof resolveColorReplacements>;
  /** Metadata by the scopes of a token, joined by spaces. */
  metadata: Map<string, number>;
}

/** Shiki's grammars are vscode-textmate's Grammar objects, which also answer this (not in IGrammar). */
type Grammar = IGrammar & { getMetadataForScope(scope: string): { languageId: number; tokenType: number } };

const stylesByGrammar = new WeakMap<Grammar, Map<string, ThemeStyles>>();

function themeStyles(highlighter: HighlighterCore, grammar: Grammar, themeName: string): ThemeStyles {
  let byTheme = stylesByGrammar.get(grammar);
  if (!byTheme) {
    byTheme = new Map();
    stylesByGrammar.set(grammar, byTheme);
  }
  const known = byTheme.get(themeName);
  if (known) return known;
  const registration = highlighter.getTheme(themeName);
  const theme = Theme.createFromRawTheme(registration);
  const styles = { theme, colorMap: theme.getColorMap(), replacements: resolveColorReplacements(registration), metadata: new Map() };
  byTheme.set(themeName, styles);
  return styles;
}

/** The metadata of a token with `scopes` (`key`: the scopes joined by spaces) in a theme. */
function metadataOf(grammar: Grammar, styles: ThemeStyles, scopes: string[], key: string): number {
  let metadata = styles.metadata.get(key);
  if (metadata !== undefined) return metadata;
  const defaults = styles.theme.getDefaults();
  // Shiki registers no embedded languages, so every scope keeps the grammar's language id: leaving
  // it at 0 changes no comparison between tokens, and colors do not depend on it.
  metadata = EncodedTokenMetadata.set(0, 0, TOKEN_TYPE_NOT_SET, null, defaults.fontStyle, defaults.foregroundId, defaults.backgroundId);
  let path: ScopePath | null = null;
  for (const scopeName of scopes) {
    path = { parent: path, scopeName };
    const basic = grammar.getMetadataForScope(scopeName);
    // Theme.match only reads scopeName and parent of the path it is given.
    const style = styles.theme.match(path as unknown as Parameters<Theme['match']>[0]);
    metadata = EncodedTokenMetadata.set(
      metadata,
      basic.languageId,
      basic.tokenType,
      null,
      style ? style.fontStyle : FONT_STYLE_NOT_SET,
      style ? style.foregroundId : 0,
      style ? style.backgroundId : 0,
    );
  }
  styles.metadata.set(key, metadata);
  return metadata;
}

/**
 * The lines of tokens of `code` for each of `themeNames`, in that order: what
 * `highlighter.codeToTokensBase(code, { lang, theme })` returns for each theme. `lang` must be a
 * grammar loaded into `highlighter` (not plain text or ANSI).
 */
export function tokenizeForThemes(highlighter: HighlighterCore, code: string, lang: string, themeNames: string[]): ThemedToken[][][] {
  const grammar = highlighter.getLanguage(lang) as unknown as Grammar;
  const themes = themeNames.map((name) => themeStyles(highlighter, grammar, name));
  const result: ThemedToken[][][] = themes.map(() => []);
  let state: StateStack = INITIAL;
  for (const [line, lineOffset] of splitLines(code)) {
    if (line === '') {
      for (const lines of result) lines.push([]);
      continue;
    }
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state, TIME_LIMIT);
    // One key per token for every theme's lookup.
    const keys = tokens.map((token) => token.scopes.join(' '));
    themes.forEach((styles, i) => {
      const themed: ThemedToken[] = [];
      let start = 0;
      let metadata = metadataOf(grammar, styles, tokens[0]!.scopes, keys[0]!);
      const push = (end: number) => {
        if (start >= end) return;
        themed.push({
          content: line.substring(start, end),
          offset: lineOffset + start,
          color: applyColorReplacements(styles.colorMap[EncodedTokenMetadata.getForeground(metadata)], styles.replacements),
          fontStyle: EncodedTokenMetadata.getFontStyle(metadata),
        });
      };
      for (let j = 1; j < tokens.length; j++) {
        const next = metadataOf(grammar, styles, tokens[j]!.scopes, keys[j]!);
        if (next === metadata) continue;
        push(Math.min(tokens[j]!.startIndex, line.length));
        start = tokens[j]!.startIndex;
        metadata = next;
      }
      push(line.length);
      result[i]!.push(themed);
    });
    state = ruleStack;
  }
  return result;
}
