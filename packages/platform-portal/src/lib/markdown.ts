/**
 * Markdown for pull request bodies, where every value comes from a person and is hostile until
 * escaped: no value can open a link, an image, HTML, a heading or break out of a table cell.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&"'=:@]/g;

/** Escapes one line of user text for inline Markdown; newlines become spaces. */
export function escapeInline(text: string): string {
  return text
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

/** A code span for a value made of safe characters only (ids, paths checked by a schema). */
export function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}
