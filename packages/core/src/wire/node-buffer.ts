/**
 * Node's `Buffer`, when the code runs in Node: an optional fast path for large base64/hex
 * encodings. Browsers have no `Buffer`; the callers then use their portable code.
 */

/** The part of Node's `Buffer` the encoders use. */
interface BufferClass {
  from(
    buffer: ArrayBufferLike,
    byteOffset: number,
    length: number,
  ): { toString(encoding: 'base64' | 'hex'): string };
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
