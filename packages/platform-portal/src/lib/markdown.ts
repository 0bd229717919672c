/**
 * Markdown for pull request bodies, where every value comes from a person and is hostile until
 * escaped: no value can open a link, an image, HTML, a heading or break out of a table cell, and
 * none can mention a person or reference an issue.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'=:@]/g;

/** U+2060: invisible, not a word character, and no part of any name GitHub links. */
const WORD_JOINER = '\u2060';

/**
 * Text a person typed, made inert for GitHub: it reads the same, but mentions nobody and
 * references nothing. GitHub decodes character references before it links, so `&#64;` is no
 * escape; a word joiner after the sign that starts each form is. The forms are GitHub's:
 * `@user`, `@org/team`, `user@sha` and `owner/repo@sha` (the `@`), `#12`, `owner/repo#12` and
 * closing keywords such as `fixes #12` (the `#`), `GH-12`, and URLs, since the URL of an issue
 * becomes a cross-reference on that issue's timeline (`://` and `www.`).
 * https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
 * A bare commit SHA is left as typed: GitHub links it only to a commit of this same repository,
 * which notifies nobody and leaves no trace on any other issue or pull request.
 *
 * For every user string in a title, body or commit message: titles and commit messages call it
 * directly, bodies through `escapeInline` and `quoteBlock`. Never for files: GitHub links nothing
 * in a file's content or its diff, and a file keeps what the person typed. Idempotent.
 */
export function inert(text: string): string {
  return text
    .replace(/[@#](?!\u2060)/g, `$&${WORD_JOINER}`)
    .replace(/(?<![A-Za-z0-9_])(GH-)(?=\d)/gi, `$1${WORD_JOINER}`)
    .replace(/:(?=\/\/)/g, `:${WORD_JOINER}`)
    .replace(/(?<![A-Za-z0-9_])(www)(?=\.)/gi, `$1${WORD_JOINER}`);
}

/** Escapes one line of user text for inline Markdown; newlines become spaces. */
export function escapeInline(text: string): string {
  return inert(text)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(MARKDOWN_SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/** Multi-line user text as a quoted block: escaped line by line, so it renders as typed. */
export function quoteBlock(text: string): string {
  return text
    .split(/\r?\n|\r/)
    .map((line) => `> ${escapeInline(line)}`)
    .join('\n');
}

/** A table of already-escaped values; two columns (field, value) unless told otherwise. */
export function table(rows: readonly (readonly string[])[], headers: readonly string[] = ['Field', 'Value']): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [row(headers), row(headers.map(() => '---')), ...rows.map(row)].join('\n');
}

/**
 * A code span, where GitHub links and mentions nothing: for ids and paths a schema checked, and
 * for values that must copy exactly, such as email addresses. Backticks, pipes and line breaks are
 * dropped, so the span cannot close early, split a table cell or end a line.
 */
export function code(text: string): string {
  return `\`${text.replace(/[`|\r\n\u0085\u2028\u2029]/g, '')}\``;
}

/**
 * Text on one line, for a title, a YAML comment or a table cell: each run of controls and line or
 * paragraph separators (NEL, LS and PS end a line for YAML 1.1 readers too) becomes one space.
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ');
}
