/**
 * Strict hexadecimal text (two digits per byte), as used by host-training payloads. Portable
 * JavaScript over typed arrays (large encodings use Node's `Buffer` when it exists); fast for
 * multi-megabyte payloads in Node and browsers.
 */
import { encodeWithNodeBuffer } from './node-buffer.js';
import { PayloadEncodingError } from './payload-encoding-error.js';

/** ASCII codes of the two lowercase digits of every byte, interleaved. */
const DIGIT_PAIRS = (() => {
  const digits = '0123456789abcdef';
  const table = new Uint8Array(512);
  for (let b = 0; b < 256; b++) {
    table[2 * b] = digits.charCodeAt(b >>> 4);
    table[2 * b + 1] = digits.charCodeAt(b & 15);
  }
  return table;
})();

/** Value of each ASCII hex digit (either case), 255 for anything else. */
const NIBBLE = (() => {
  const table = new Uint8Array(256).fill(255);
  for (let d = 0; d < 10; d++) table[48 + d] = d;
  for (let d = 0; d < 6; d++) {
    table[65 + d] = 10 + d;
    table[97 + d] = 10 + d;
  }
  return table;
})();

const ascii = new TextDecoder('utf-8');

/**
 * Encodes bytes as lowercase hex.
 *
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([0, 255])); // '00ff'
 * ```
 * @param bytes - the bytes to encode
 * @returns two lowercase hex digits per byte
 */
export function bytesToHex(bytes: Uint8Array): string {
  const fast = encodeWithNodeBuffer(bytes, 'hex');
  if (fast !== undefined) return fast;

  const out = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    out[2 * i] = DIGIT_PAIRS[2 * b] as number;
    out[2 * i + 1] = DIGIT_PAIRS[2 * b + 1] as number;
  }
  return ascii.decode(out);
}

/**
 * Decodes strict hex: an even number of digits `0–9 a–f A–F`, nothing else (no `0x`, no
 * whitespace).
 *
 * @example
 * ```ts
 * hexToBytes('00ff'); // Uint8Array [0, 255]
 * ```
 * @param text - the hex text
 * @returns the decoded bytes
 * @throws PayloadEncodingError naming the first problem and its position
 */
export function hexToBytes(text: string): Uint8Array {
  if (typeof text !== 'string')
    throw new PayloadEncodingError(`hex: expected a string, got ${typeof text}`);
  if (text.length % 2 !== 0) throw new PayloadEncodingError(`hex: odd length ${text.length}`);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(text, 2 * i);
    const low = nibble(text, 2 * i + 1);
    out[i] = (high << 4) | low;
  }
  return out;
}

function nibble(text: string, index: number): number {
  const code = text.charCodeAt(index);
  const value = code < 256 ? (NIBBLE[code] as number) : 255;
  if (value === 255) {
    throw new PayloadEncodingError(
      `hex: invalid character ${JSON.stringify(text[index])} at index ${index}`,
    );
  }
  return value;
}
