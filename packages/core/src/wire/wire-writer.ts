/**
 * A protobuf writer for the codec: a thin layer over protobufjs's `Writer` that writes field
 * keys, sub-messages and 64-bit integers from `bigint`. It never uses Node's `Buffer`, so it
 * runs unchanged in browsers. Proto3 default-value rules are the caller's business: every
 * method here always writes its field.
 */
import protobuf from 'protobufjs/minimal.js';

import { WireFormatError } from './wire-format-error.js';
import { WireType } from './wire-reader.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Writes protobuf fields; see the file comment. Internal to the codec. */
export class WireWriter {
  private readonly out = new protobuf.Writer();

  /** Writes a field key. */
  key(field: number, wireType: WireType): void {
    this.out.uint32(((field << 3) | wireType) >>> 0);
  }

  /** Writes a sub-message whose fields `write` emits. */
  message(field: number, write: () => void): void {
    this.key(field, WireType.LengthDelimited);
    this.out.fork();
    write();
    this.out.ldelim();
  }

  /** Writes a `string` field. */
  string(field: number, value: string): void {
    this.key(field, WireType.LengthDelimited);
    this.out.string(value);
  }

  /** Writes a `bytes` field (or an opaque sub-message) from `value`. */
  bytes(field: number, value: Uint8Array): void {
    this.key(field, WireType.LengthDelimited);
    this.out.bytes(value);
  }

  /** Writes a `bool` field. */
  bool(field: number, value: boolean): void {
    this.key(field, WireType.Varint);
    this.out.bool(value);
  }

  /** Writes an `int32` (or enum) field; negative values take 10 bytes, as protobuf requires. */
  int32(field: number, value: number): void {
    this.key(field, WireType.Varint);
    this.out.int32(value);
  }

  /** Writes an `int64` field with full precision; fails outside the int64 range. */
  int64(field: number, value: bigint): void {
    if (typeof value !== 'bigint' || value < INT64_MIN || value > INT64_MAX) {
      cannotEncode(
        `int64 field ${field}: expected a bigint in the int64 range, got ${String(value)}`,
      );
    }
    this.key(field, WireType.Varint);
    const bits = BigInt.asUintN(64, value);
    this.out.int64({
      low: Number(bits & 0xffffffffn) | 0,
      high: Number(bits >> 32n) | 0,
      unsigned: false,
    });
  }

  /** Writes a `float` (32-bit) field. */
  float(field: number, value: number): void {
    this.key(field, WireType.Fixed32);
    this.out.float(value);
  }

  /** Writes a packed repeated `int32` field; nothing when `values` is empty. */
  packedInt32(field: number, values: readonly number[]): void {
    for (const value of values) {
      if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
        cannotEncode(`int32 list field ${field}: ${String(value)} is not an int32`);
      }
    }
    if (values.length === 0) return;
    this.key(field, WireType.LengthDelimited);
    this.out.fork();
    for (const value of values) this.out.int32(value);
    this.out.ldelim();
  }

  /** Returns the bytes written so far as a plain `Uint8Array` that owns its whole buffer. */
  finish(): Uint8Array {
    const bytes = this.out.finish();

    // protobufjs hands out small results as views into a shared slab; callers may use `.buffer`.
    const ownsBuffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return ownsBuffer ? bytes : bytes.slice();
  }
}

/** An in-memory message that cannot be encoded; {@link encodeMessage} names the root type. */
class EncodeProblem extends Error {}

/** Throws from inside an encoder: `detail` says which field is wrong and how. */
export function cannotEncode(detail: string): never {
  throw new EncodeProblem(detail);
}

/**
 * Encodes one top-level message of type `typeName` with `write`; any failure becomes a
 * {@link WireFormatError} that names `typeName`.
 */
export function encodeMessage(typeName: string, write: (w: WireWriter) => void): Uint8Array {
  const writer = new WireWriter();
  try {
    write(writer);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new WireFormatError(`${typeName}: cannot encode: ${detail}`, { cause: error });
  }
  return writer.finish();
}
