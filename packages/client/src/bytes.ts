/** Bytes in any of the forms the API accepts. */
export type BinaryInput = ArrayBuffer | Uint8Array;

/** Views `input` as a Uint8Array without copying. */
export function asBytes(input: BinaryInput): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}

/** Copies `bytes` into an ArrayBuffer of exactly their length. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/**
 * The ArrayBuffer of freshly encoded `bytes`: their own buffer when they span all of it (no
 * copy), else a copy.
 */
export function ownedArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const spansBuffer =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer;
  return spansBuffer ? bytes.buffer : toArrayBuffer(bytes);
}

/** Whether `value` is binary input. */
export function isBinary(value: unknown): value is BinaryInput {
  return value instanceof ArrayBuffer || value instanceof Uint8Array;
}
