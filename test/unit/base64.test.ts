import { describe, expect, it } from 'vitest';
import { base64ToUtf8, utf8ToBase64 } from '../../packages/platform-portal/src/lib/base64.ts';

/** A 3 MB text with one-, two-, three- and four-byte characters: far past where a spread into String.fromCharCode overflows. */
const large = 'usage ü € 🙂 '.repeat(200_000);

describe('base64 for the contents and blob APIs', () => {
  it.each([true, false])('round-trips 3 MB of UTF-8 exactly as Node encodes it (platform encoders: %s)', (native) => {
    const encoded = utf8ToBase64(large, { native });
    expect(encoded).toBe(Buffer.from(large, 'utf8').toString('base64'));
    expect(base64ToUtf8(encoded, { native })).toBe(large);
  });

  it.each([true, false])('reads base64 in lines of 60 characters, as GitHub sends it (platform decoders: %s)', (native) => {
    const wrapped = Buffer.from('tenant: acme\nname: Äcme 🙂\n').toString('base64').replace(/.{1,60}/g, '$&\n');
    expect(base64ToUtf8(wrapped, { native })).toBe('tenant: acme\nname: Äcme 🙂\n');
  });

  it('uses the platform encoders where the runtime has them', () => {
    expect(typeof (Uint8Array.prototype as { toBase64?: unknown }).toBase64).toBe('function');
  });
});
