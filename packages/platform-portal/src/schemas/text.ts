/**
 * Text people read: what it shows must be all it holds. Names and titles are one line of visible
 * characters; free text may have lines, but no controls and nothing that turns the text around.
 * The request schemas and the content schemas take their text fields from here, so a request is
 * refused with a 422 and a content file fails the check, each naming the field.
 */
import { z } from 'zod';

/**
 * Ends a line for some reader: \n and \r, and also VT, FF, NEL (U+0085), LINE SEPARATOR and
 * PARAGRAPH SEPARATOR, which YAML 1.1 parsers, editors and terminals treat as line breaks.
 */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/u;

/**
 * Hides text or changes how it reads, wherever it appears: controls other than tab and line
 * breaks (C0, DEL, C1), the bidirectional marks, embeddings, overrides and isolates (U+061C,
 * U+200E, U+200F, U+202A–U+202E, U+2066–U+2069: the "Trojan Source" characters, CVE-2021-42574),
 * unpaired surrogates, and Unicode tags (U+E0000–U+E007F), which repeat ASCII invisibly.
 */
const HIDING = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\p{Cs}\u{e0000}-\u{e007f}]/u;

/**
 * Invisible in one line of text: every format character (zero-width spaces and joiners, the word
 * joiner, the byte order mark, the soft hyphen, …) and the fillers and combining marks that show
 * nothing (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+3164, U+FFA0).
 */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]/u;

const TAB = /\t/u;

/** `U+202E`, as a person finds it in a character table. */
const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Where the first match is, counted in characters as a person counts them (1-based). */
function at(text: string, pattern: RegExp): { char: string; position: number } | undefined {
  const index = text.search(pattern);
  if (index === -1) return undefined;
  return { char: String.fromCodePoint(text.codePointAt(index)!), position: [...text.slice(0, index)].length + 1 };
}

type Rule = [RegExp, (what: string, found: { char: string; position: number }) => string];

const hiddenMessage: Rule[1] = (what, { char, position }) =>
  `The ${what} has an invisible or direction-changing character (${codePoint(char)}, character ${position}); type it again without it.`;

/** A string refused at the first rule it breaks, with that rule's message for the field `what`. */
function textSchema(rules: Rule[], what: string) {
  return z.string().superRefine((text, ctx) => {
    for (const [pattern, message] of rules) {
      const found = at(text, pattern);
      if (found) return ctx.addIssue({ code: 'custom', message: message(what, found), input: text });
    }
  });
}

const SINGLE_LINE: Rule[] = [
  [LINE_BREAK, (what, { char, position }) => `The ${what} has a line break (${codePoint(char)}, character ${position}); keep it on one line.`],
  [HIDING, hiddenMessage],
  [INVISIBLE, hiddenMessage],
  [TAB, (what, { position }) => `The ${what} has a tab (character ${position}); use a space.`],
];

const PLAIN_TEXT: Rule[] = [
  // \n and \r\n are how lines end in a form's text box; the other line breaks come only from pastes.
  [/[\v\f\u0085\u2028\u2029]|\r(?!\n)/u, (what, { char, position }) => `The ${what} has an unusual line break (${codePoint(char)}, character ${position}); end lines with Enter.`],
  [HIDING, hiddenMessage],
];

/**
 * One line of visible text, for names, titles and labels: no line break of any kind, no control
 * (a tab neither), nothing invisible, nothing that changes the direction of the text. `what` names
 * the field in the message, e.g. "name": "The name has a line break (U+0085, character 5); …".
 */
export function singleLine(what: string) {
  return textSchema(SINGLE_LINE, what);
}

/**
 * Free text such as a justification, a description or a message: lines and tabs as typed, but no
 * other control and nothing that changes the direction of the text. Invisible joiners stay, since
 * emoji (👩‍💻) and some scripts need them.
 */
export function plainText(what: string) {
  return textSchema(PLAIN_TEXT, what);
}
