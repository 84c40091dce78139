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

/** Whether `value` is binary input. */
export function isBinary(value: unknown): value is BinaryInput {
  return value instanceof ArrayBuffer || value instanceof Uint8Array;
}
