/**
 * Strict standard base64 (RFC 4648 §4, with `=` padding), as used by the report `diff`.
 * Portable JavaScript over typed arrays (large payloads use Node's `Buffer` when it exists,
 * with checks that keep decoding exactly as strict),
 * so it behaves the same in Node and browsers and handles multi-megabyte payloads in one pass.
 */
import { decodeBase64WithNodeBuffer, encodeWithNodeBuffer } from './node-buffer.js';
import { PayloadEncodingError } from './payload-encoding-error.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='

/** ASCII code of each 6-bit value. */
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** 6-bit value of each ASCII code, 255 for characters outside the alphabet. */
const DECODE = (() => {
  const table = new Uint8Array(256).fill(255);
  ENCODE.forEach((code, value) => (table[code] = value));
  return table;
})();

const ascii = new TextDecoder('utf-8');

/**
 * Encodes bytes as standard base64 with padding.
 *
 * @example
 * ```ts
 * bytesToBase64(new Uint8Array([1, 2, 3])); // 'AQID'
 * ```
 * @param bytes - the bytes to encode
 * @returns the base64 text
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const fast = encodeWithNodeBuffer(bytes, 'base64');
  if (fast !== undefined) return fast;

  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v =
      ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out[o++] = ENCODE[v >>> 18] as number;
    out[o++] = ENCODE[(v >>> 12) & 63] as number;
    out[o++] = ENCODE[(v >>> 6) & 63] as number;
    out[o++] = ENCODE[v & 63] as number;
  }
  if (i < n) {
    const v = ((bytes[i] as number) << 16) | (i + 1 < n ? (bytes[i + 1] as number) << 8 : 0);
    out[o++] = ENCODE[v >>> 18] as number;
    out[o++] = ENCODE[(v >>> 12) & 63] as number;
    out[o++] = i + 1 < n ? (ENCODE[(v >>> 6) & 63] as number) : PAD;
    out[o++] = PAD;
  }
  return ascii.decode(out);
}

/**
 * Decodes strict standard base64: only the `A–Z a–z 0–9 + /` alphabet, length a multiple of
 * 4, at most two `=` at the very end, unused trailing bits zero. No whitespace.
 *
 * @example
 * ```ts
 * base64ToBytes('AQID'); // Uint8Array [1, 2, 3]
 * ```
 * @param text - the base64 text
 * @returns the decoded bytes
 * @throws PayloadEncodingError naming the first problem and its position
 */
export function base64ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new PayloadEncodingError(`base64: expected a string, got ${typeof text}`);
  const length = text.length;
  if (length % 4 !== 0) {
    throw new PayloadEncodingError(
      `base64: length ${length} is not a multiple of 4 (padding missing?)`,
    );
  }
  if (length === 0) return new Uint8Array(0);

  // Large payloads: Node's decoder, once the last quartet (padding, unused bits) passed the
  // strict check; any doubt about the body falls through to the strict loop, which names the
  // first bad character.
  if (length > 4 && strictTail(text)) {
    const fast = decodeBase64WithNodeBuffer(text, paddingOf(text));
    if (fast !== undefined) return fast;
  }
  return decodeStrict(text);
}

/** The number of `=` at the end of `text` (0, 1 or 2). */
function paddingOf(text: string): number {
  const length = text.length;
  return text.charCodeAt(length - 1) === PAD ? (text.charCodeAt(length - 2) === PAD ? 2 : 1) : 0;
}

/** Whether the last four characters of `text` are a valid final base64 quartet. */
function strictTail(text: string): boolean {
  try {
    decodeStrict(text.slice(text.length - 4));
    return true;
  } catch {
    return false;
  }
}

/** The strict portable decoder; `text` has a length that is a positive multiple of 4. */
function decodeStrict(text: string): Uint8Array {
  const length = text.length;
  const padding = paddingOf(text);
  const out = new Uint8Array((length / 4) * 3 - padding);
  const body = length - padding;
  let o = 0;
  let i = 0;
  for (; i + 4 <= body; i += 4) {
    const v =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (sextet(text, i + 2) << 6) |
      sextet(text, i + 3);
    out[o++] = v >>> 16;
    out[o++] = (v >>> 8) & 255;
    out[o++] = v & 255;
  }
  if (padding === 2) {
    const v = (sextet(text, i) << 18) | (sextet(text, i + 1) << 12);
    if ((v & 0xffff) !== 0) throw badTrailingBits(i + 1);
    out[o] = v >>> 16;
  } else if (padding === 1) {
    const v = (sextet(text, i) << 18) | (sextet(text, i + 1) << 12) | (sextet(text, i + 2) << 6);
    if ((v & 0xff) !== 0) throw badTrailingBits(i + 2);
    out[o++] = v >>> 16;
    out[o] = (v >>> 8) & 255;
  }
  return out;
}

function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 256 ? (DECODE[code] as number) : 255;
  if (value === 255) {
    const shown = code === PAD ? "'=' before the end" : JSON.stringify(text[index]);
    throw new PayloadEncodingError(`base64: invalid character ${shown} at index ${index}`);
  }
  return value;
}

function badTrailingBits(index: number): PayloadEncodingError {
  return new PayloadEncodingError(
    `base64: non-zero unused bits in the character at index ${index}`,
  );
}
