/**
 * The GitHub App's private key, checked when the configuration is read. A Worker signs the app's
 * JWT with WebCrypto, which imports PKCS#8 only; GitHub hands out PKCS#1 (`BEGIN RSA PRIVATE KEY`),
 * which Node converts silently but a Worker cannot, so unchecked it would pass here and fail on
 * the first request as a retryable 500. The check reads the key's DER structure (synchronous and
 * some microseconds, so it runs with every read of the environment): PKCS#8 PrivateKeyInfo
 * (RFC 5208) holding an RSA key, complete, base64 intact.
 * https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/managing-private-keys-for-github-apps
 */

const CONVERT = '`openssl pkcs8 -topk8 -nocrypt -in app.pem -out app-pkcs8.pem`';
const PEM = /^-----BEGIN PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)\n-----END PRIVATE KEY-----$/;
/** OBJECT IDENTIFIER 1.2.840.113549.1.1.1 (rsaEncryption), tag and length included. */
const RSA_ENCRYPTION = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/** Keys set as one-line variables carry their line breaks as `\n` (as universal-github-app-jwt also accepts). */
export function normalisePrivateKey(key: string): string {
  return key.replace(/\\n/g, '\n').replace(/\r\n?/g, '\n').trim();
}

interface Element {
  tag: number;
  /** Where the content starts and ends. */
  start: number;
  end: number;
}

/** One DER element at `at`, or undefined when its header or length runs past `limit`. */
function element(der: Uint8Array, at: number, limit: number): Element | undefined {
  const tag = der[at];
  let length = der[at + 1];
  if (tag === undefined || length === undefined) return undefined;
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || start + count > limit) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  const end = start + length;
  return end <= limit ? { tag, start, end } : undefined;
}

function structureProblem(der: Uint8Array): string | undefined {
  const info = element(der, 0, der.length);
  if (!info || info.tag !== 0x30 || info.end !== der.length) return 'cut short or not a key';
  const version = element(der, info.start, info.end);
  if (!version || version.tag !== 0x02) return 'no version';
  const algorithm = element(der, version.end, info.end);
  if (!algorithm || algorithm.tag !== 0x30) return 'no algorithm';
  const oid = der.subarray(algorithm.start, algorithm.start + RSA_ENCRYPTION.length);
  if (!RSA_ENCRYPTION.every((byte, i) => oid[i] === byte)) return 'not RSA';
  const key = element(der, algorithm.end, info.end);
  if (!key || key.tag !== 0x04) return 'no key';
  const rsa = element(der, key.start, key.end);
  if (!rsa || rsa.tag !== 0x30 || rsa.end !== key.end) return 'cut short or not a key';
  return undefined;
}

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\n/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  return Uint8Array.from(atob(compact), (c) => c.charCodeAt(0));
}

/** What is wrong with the (normalised) key, in words for the 503, or undefined if it is a PKCS#8 RSA key. */
export function privateKeyProblem(key: string): string | undefined {
  if (key.includes('-----BEGIN RSA PRIVATE KEY-----')) {
    return `the key is PKCS#1 (-----BEGIN RSA PRIVATE KEY-----, as GitHub hands it out), which Workers cannot read; convert it to PKCS#8 with ${CONVERT} and set the new file's text`;
  }
  if (key.includes('-----BEGIN OPENSSH PRIVATE KEY-----')) return `the key is in OpenSSH format; use the .pem file GitHub made for the app, converted to PKCS#8 with ${CONVERT}`;
  if (key.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----')) return `the key is encrypted; write it unencrypted as PKCS#8 with ${CONVERT}`;
  const body = PEM.exec(key)?.[1];
  if (body === undefined) return 'expected a PKCS#8 PEM private key, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----, line breaks included (or written as \\n)';
  const der = decodeBase64(body);
  if (!der) return 'the text between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- is not intact base64; set the whole file again';
  const problem = structureProblem(der);
  if (problem === 'not RSA') return 'the key is not an RSA key; GitHub App keys are RSA: use the .pem file GitHub made for the app';
  if (problem) return `the key is damaged (${problem}); set the whole PKCS#8 file again`;
  return undefined;
}
