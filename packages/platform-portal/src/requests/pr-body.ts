import { code, escapeInline, quoteBlock, table } from '../lib/markdown.ts';
import { formatMarker } from './marker.ts';
import type { BuildContext } from './types.ts';

export interface BodyParts {
  intro: string;
  rows: [string, string][];
  /** Free text from the requester, quoted as typed. */
  justification?: string | undefined;
  justificationTitle?: string;
  /** Extra Markdown built by the request type from escaped values. */
  extra?: string | undefined;
  context: BuildContext;
  type: string;
}

/** The body every request pull request shares: summary table, the requester's words, who asked, marker. */
export function requestBody({ intro, rows, justification, justificationTitle = 'Justification', extra, context, type }: BodyParts): string {
  // Every value is the requester's (or their identity provider's) and made inert: escaped and
  // neutralised text, or a code span for the address, which must copy as it is.
  const who = context.requester.name ? `${escapeInline(context.requester.name)} (${code(context.requester.email)})` : code(context.requester.email);
  return [
    intro,
    '',
    table(rows),
    ...(extra ? ['', extra] : []),
    ...(justification ? ['', `### ${justificationTitle}`, '', quoteBlock(justification)] : []),
    '',
    `Requested by ${who} through the platform portal on ${context.now.toISOString().slice(0, 10)}.`,
    '',
    formatMarker({ id: context.requestId, type, requester: context.requesterHash }),
    '',
  ].join('\n');
}
