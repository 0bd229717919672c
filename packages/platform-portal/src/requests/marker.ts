import { z } from 'zod';

/**
 * The machine-readable line hidden in every request pull request's body: which request it is,
 * of which type, and who asked. The status page and retries read it back.
 */
export const RequestMarkerSchema = z.object({
  id: z.string().regex(/^[a-f0-9]{16,64}$/),
  type: z.string().regex(/^[a-z][a-z0-9-]*$/),
  requester: z.string().regex(/^[a-f0-9]{16,64}$/).describe('Hash of the requester identity; the email itself is in the visible body.'),
});
export type RequestMarker = z.output<typeof RequestMarkerSchema>;

const PREFIX = 'portal-request:';
const PATTERN = /<!--\s*portal-request:\s*(\{[^<>]*\})\s*-->/;

export function formatMarker(marker: RequestMarker): string {
  return `<!-- ${PREFIX} ${JSON.stringify(RequestMarkerSchema.parse(marker))} -->`;
}

export function parseMarker(body: string | null | undefined): RequestMarker | undefined {
  const match = body?.match(PATTERN);
  if (!match) return undefined;
  try {
    const parsed = RequestMarkerSchema.safeParse(JSON.parse(match[1]!));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** A search term that finds this requester's pull requests: the hash is one unique word. */
export function requesterSearchTerm(requesterHash: string): string {
  return `"${requesterHash}" in:body`;
}
