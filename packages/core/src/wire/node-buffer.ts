/**
 * Node's `Buffer`, when the code runs in Node: an optional fast path for large base64/hex
 * encodings. Browsers have no `Buffer`; the callers then use their portable code.
 */

/** The part of Node's `Buffer` the encoders and the base64 decoder use. */
interface BufferClass {
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): { toString(encoding: 'base64' | 'hex'): string };
  from(text: string, encoding: 'base64'): Uint8Array;
  byteLength(text: string, encoding: 'utf8'): number;
}

const NodeBuffer = (globalThis as { Buffer?: BufferClass }).Buffer;

/** Payloads at least this large go through `Buffer` when it exists. */
const FAST_PATH_MIN_BYTES = 4096;

/** `bytes` encoded by Node's `Buffer`, or `undefined` when there is no Buffer or it is small. */
export function encodeWithNodeBuffer(
  bytes: Uint8Array,
  encoding: 'base64' | 'hex',
): string | undefined {
  if (NodeBuffer === undefined || bytes.length < FAST_PATH_MIN_BYTES) return undefined;
  return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding);
}

/**
 * `text` decoded from base64 by Node's `Buffer`, or `undefined` when there is no Buffer, the
 * text is small, or it is not plain strict base64 in its body. Node's decoder is lenient: it
 * skips characters outside the alphabet, stops at `=` and accepts the URL-safe `-` and `_`.
 * Each leniency is detected cheaply: every skipped or ending character makes the output
 * shorter than the length arithmetic says, non-ASCII text is longer in UTF-8 than in UTF-16
 * code units, and `-`/`_` are searched for. The caller checks the last four characters
 * (padding, unused bits) itself and decodes strictly, with a precise error, on `undefined`.
 *
 * @param text - base64 text whose length is a multiple of 4
 * @param padding - the number of trailing `=` (0, 1 or 2)
 */
export function decodeBase64WithNodeBuffer(text: string, padding: number): Uint8Array | undefined {
  if (NodeBuffer === undefined || text.length < FAST_PATH_MIN_BYTES) return undefined;
  if (NodeBuffer.byteLength(text, 'utf8') !== text.length) return undefined;
  if (text.indexOf('-') !== -1 || text.indexOf('_') !== -1) return undefined;
  const bytes = NodeBuffer.from(text, 'base64');
  if (bytes.length !== (text.length / 4) * 3 - padding) return undefined;
  // A plain Uint8Array view (no copy): Buffer's `slice` would not copy as callers expect.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}
