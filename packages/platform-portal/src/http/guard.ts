import { HttpProblem } from './problems.ts';

export const MAX_BODY_BYTES = 32 * 1024;

/**
 * Browsers send Origin with every POST; a different one means another site is posting in the
 * person's name. Scripts (curl) send none and are let through, since they hold their own token.
 */
export function checkOrigin(request: Request, allowed: string[] | undefined): void {
  const origin = request.headers.get('origin');
  if (origin === null) return;
  const own = new URL(request.url).origin;
  if (origin === own || allowed?.includes(origin)) return;
  throw new HttpProblem('forbidden-origin', `Requests are accepted from ${own} only, not from ${origin.slice(0, 100)}.`);
}

/** Reads a JSON body of at most MAX_BODY_BYTES, checking the media type before reading. */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new HttpProblem('unsupported-media-type', `Send the request as JSON with Content-Type: application/json (got ${type.slice(0, 60) || 'none'}).`);
  }
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readAtMost(request, MAX_BODY_BYTES);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpProblem('malformed-json', 'The body could not be parsed as UTF-8 JSON; check quotes, commas and brackets.');
  }
}

function tooLarge(): HttpProblem {
  return new HttpProblem('body-too-large', `A request body may be ${MAX_BODY_BYTES / 1024} KiB at most; shorten the longest text fields.`);
}

async function readAtMost(request: Request, limit: number): Promise<Uint8Array> {
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
