/**
 * UTF-8 text to base64 and back, for the contents and blob APIs, at any size. The platform's own
 * encoders where the runtime has them (Uint8Array.prototype.toBase64 and Uint8Array.fromBase64:
 * Node 25+, V8 14, the Workers runtime); otherwise in chunks, because spreading a whole file into
 * String.fromCharCode overflows the call stack from about 150 KB on.
 */

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
interface NativeFromBase64 {
  fromBase64?: (text: string) => Uint8Array;
}

const nativeTo = (Uint8Array.prototype as unknown as NativeBase64).toBase64;
const nativeFrom = (Uint8Array as unknown as NativeFromBase64).fromBase64;

/** Bytes per String.fromCharCode call in the fallback: far below any engine's argument limit. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array, { native = true } = {}): string {
  if (native && nativeTo) return nativeTo.call(bytes);
  let binary = '';
  for (let at = 0; at < bytes.length; at += CHUNK) binary += String.fromCharCode(...bytes.subarray(at, at + CHUNK));
  return btoa(binary);
}

/** Decodes base64 as GitHub sends it: in lines of 60 characters. */
export function base64ToBytes(text: string, { native = true } = {}): Uint8Array {
  const flat = text.replace(/\s/g, '');
  if (native && nativeFrom) return nativeFrom(flat);
  const binary = atob(flat);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const utf8ToBase64 = (text: string, options?: { native?: boolean }) => bytesToBase64(new TextEncoder().encode(text), options);
export const base64ToUtf8 = (text: string, options?: { native?: boolean }) => new TextDecoder().decode(base64ToBytes(text, options));
