import { isPair, isScalar, isSeq, parseDocument, Scalar, visit, type Node } from 'yaml';
import { pathToString, type Problem } from './problems.ts';

/** The YAML of a file: a whole .yaml file, or a Markdown file's frontmatter. */
export function yamlOf(source: string, file: string): string | undefined {
  if (/\.ya?ml$/.test(file)) return source;
  return /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source)?.[1];
}

/**
 * Values a YAML comment cut short. In `action_required: Book a slot in #databases by March`, YAML
 * reads "Book a slot in" and takes the rest for a comment, so the page shows half a sentence and no
 * schema can tell. A comment written as one, with a space after `#`, is left alone, and so is one after
 * a quoted value or a number.
 */
export function lostTextProblems(yaml: string, file: string): Problem[] {
  // Most files have no `#` after a space at all: no need to parse them.
  if (!/\s#\S/.test(yaml)) return [];
  const problems: Problem[] = [];
  visit(parseDocument(yaml), {
    Scalar(_key, node, ancestors) {
      const comment = node.comment?.split('\n')[0];
      if (comment === undefined || /^\s/.test(comment)) return;
      // Only an unquoted text (or nothing) can have lost its end: a quoted value or a number ends where it was meant to.
      if (node.type !== Scalar.PLAIN || (node.value !== null && typeof node.value !== 'string')) return;
      const lost = `"#${comment}" was read as a YAML comment`;
      problems.push({
        file,
        path: pathOf([...ancestors, node]),
        message:
          node.value === null
            ? `is empty: ${lost}; put the value in quotes`
            : `${lost} and left out, so the value ends at "${String(node.value)}"; put the whole value in quotes`,
      });
    },
  });
  return problems;
}

function pathOf(chain: readonly unknown[]): string {
  const keys: PropertyKey[] = [];
  chain.forEach((item, i) => {
    if (isPair(item) && isScalar(item.key)) keys.push(String(item.key.value));
    else if (isSeq(item)) keys.push(item.items.indexOf(chain[i + 1] as Node));
  });
  return pathToString(keys);
}
