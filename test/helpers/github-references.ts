/**
 * What GitHub would turn into a mention, a cross-reference or a link in a pull request's title,
 * body or commit message, so a test can say that nothing a person typed does. The syntax is
 * GitHub's "Autolinked references and URLs" and mentions: `@user`, `@org/team`, `#12`, `GH-12`,
 * `owner/repo#12`, `user@sha`, `owner/repo@sha`, and URLs (an issue's URL becomes a
 * cross-reference). GitHub decodes character references first, so `&#64;` counts as `@`.
 * https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/autolinked-references-and-urls
 */
import { marked } from 'marked';
import { parse as parseHtml } from 'node-html-parser';

const REFERENCES = [
  /\S*@[A-Za-z0-9][\w./-]*/g, // @user, @org/team, user@sha, owner/repo@sha
  /\S*#\d+/g, // #12, owner/repo#12
  /(?<![A-Za-z0-9_])GH-\d+/gi,
  /(?<![A-Za-z0-9_])[a-z][a-z0-9+.-]*:\/\/\S*/gi, // https://github.com/o/r/issues/12
  /(?<![A-Za-z0-9_])www\.\S*/gi,
];

/** References GitHub would link in plain text: a title or a commit message. */
export function liveInText(text: string): string[] {
  return REFERENCES.flatMap((pattern) => text.match(pattern) ?? []);
}

/**
 * References GitHub would link in a Markdown body: every link, and every reference in the text as
 * read (character references decoded), outside code spans and blocks, where GitHub links nothing.
 */
export function liveInMarkdown(markdown: string): string[] {
  const html = parseHtml(marked.parse(markdown, { async: false, gfm: true }));
  const links = html.querySelectorAll('a').map((a) => `<a href="${a.getAttribute('href')}">`);
  for (const code of html.querySelectorAll('code, pre')) code.remove();
  return [...links, ...liveInText(html.text)];
}

/** The text a reader sees in a Markdown body, without the invisible word joiners. */
export function readableText(markdown: string): string {
  return parseHtml(marked.parse(markdown, { async: false, gfm: true })).text.replaceAll('\u2060', '');
}

/**
 * The references of a body less the links the onboarding builder makes to the new tenant's connect
 * pages on the portal (https://<site>/tenants/<slug>/connect/<service>/): made of the site's address
 * and a slug the schema keeps to a-z, 0-9 and -, they point at no issue and mention nobody.
 */
export function withoutConnectLinks(live: string[]): string[] {
  return live.filter((ref) => !/^<a href="https:\/\/[^/"]+\/tenants\/[a-z0-9-]+\/connect\/[a-z0-9-]+\/">$/.test(ref));
}
