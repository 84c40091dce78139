/**
 * A bounds-checked protobuf reader over one `Uint8Array`. Every read stays inside the current
 * message's byte range, so a forged length can never make it read, allocate or loop beyond the
 * input; every problem becomes a {@link WireFormatError} that names the root message type, the
 * field path and the byte offset.
 */
import { WireFormatError } from './wire-format-error.js';

/** Protobuf wire types. */
export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

/** One of the {@link WireType} values. */
export type WireType = (typeof WireType)[keyof typeof WireType];

const WIRE_TYPE_NAMES = [
  'varint',
  'fixed64',
  'length-delimited',
  'start-group',
  'end-group',
  'fixed32',
];

/** Deepest message nesting accepted; real plans nest about ten levels. */
const MAX_NESTING = 100;

// ignoreBOM keeps a leading U+FEFF in the string, so it re-encodes to the same bytes.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Reads protobuf fields from `bytes`; see the file comment. Internal to the codec. */
export class WireReader {
  /** Current byte offset. */
  pos = 0;
  /** End (exclusive) of the message being read. */
  limit: number;
  /** Low 32 bits (unsigned) of the last varint read by {@link WireReader.varint}. */
  lo = 0;
  /** High 32 bits (unsigned) of the last varint read by {@link WireReader.varint}. */
  hi = 0;

  private readonly view: DataView;
  private readonly path: string[] = [];

  /**
   * @param bytes - the encoded message
   * @param rootType - fully-qualified protobuf type name used in error messages
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly rootType: string,
  ) {
    this.limit = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws a {@link WireFormatError} naming the root type, `detail`, the offset and the path. */
  fail(detail: string): never {
    const where = this.path.length > 0 ? ` (in ${this.path.join(' > ')})` : '';
    throw new WireFormatError(`${this.rootType}: ${detail} at byte ${this.pos}${where}`);
  }

  /** True while the current message has unread bytes. */
  more(): boolean {
    return this.pos < this.limit;
  }

  /** Reads a field key; returns `field << 3 | wireType` after checking both parts. */
  tag(): number {
    this.varint();
    const tag = this.lo;
    const wireType = tag & 7;
    if (this.hi !== 0 || tag >>> 3 === 0) this.fail('invalid field number 0 or above 2^29');
    if (wireType > WireType.Fixed32) this.fail(`invalid wire type ${wireType}`);
    if (wireType === WireType.EndGroup) this.fail('end-group key without a start-group');
    return tag >>> 0;
  }

  /** Fails unless `tag` has `wireType`. */
  expect(tag: number, wireType: WireType, field: string): void {
    const actual = tag & 7;
    if (actual !== wireType) {
      this.fail(
        `${field}: expected wire type ${WIRE_TYPE_NAMES[wireType]}, got ${WIRE_TYPE_NAMES[actual]}`,
      );
    }
  }

  /** Reads a varint of up to 10 bytes into {@link WireReader.lo} and {@link WireReader.hi}. */
  varint(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.limit && (bytes[pos] as number) < 0x80) {
      this.lo = bytes[pos] as number;
      this.hi = 0;
      this.pos = pos + 1;
      return;
    }
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      if (pos >= this.limit) this.fail('truncated varint');
      const b = bytes[pos++] as number;
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        this.pos = pos;
        return;
      }
    }
    this.fail('varint longer than 10 bytes');
  }

  /** Reads a `uint32` (or enum) field value. */
  uint32(tag: number, field: string): number {
    this.expect(tag, WireType.Varint, field);
    this.varint();
    return this.lo;
  }

  /** Reads an `int32` field value (negative values arrive sign-extended to 64 bits). */
  int32(tag: number, field: string): number {
    this.expect(tag, WireType.Varint, field);
    this.varint();
    return this.lo | 0;
  }

  /** Reads an `int64` field value with full precision. */
  int64(tag: number, field: string): bigint {
    this.expect(tag, WireType.Varint, field);
    this.varint();
    if (this.hi === 0) return BigInt(this.lo);
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo));
  }

  /** Reads a `bool` field value. */
  bool(tag: number, field: string): boolean {
    this.expect(tag, WireType.Varint, field);
    this.varint();
    return (this.lo | this.hi) !== 0;
  }

  /** Reads a `float` (32-bit) field value. */
  float(tag: number, field: string): number {
    this.expect(tag, WireType.Fixed32, field);
    this.need(4, field);
    const value = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return value;
  }

  /**
   * Reads a `string` field value. Invalid UTF-8 becomes U+FFFD, as in protobufjs (see
   * docs/limitations.md, "Wire format").
   */
  string(tag: number, field: string): string {
    const end = this.lengthDelimited(tag, field);
    const start = this.pos;
    this.pos = end;
    if (end - start > 64) return utf8.decode(this.bytes.subarray(start, end));

    // Short ASCII strings (commands, dtypes, tags) are cheaper to build by hand.
    let text = '';
    for (let i = start; i < end; i++) {
      const b = this.bytes[i] as number;
      if (b >= 0x80) return utf8.decode(this.bytes.subarray(start, end));
      text += String.fromCharCode(b);
    }
    return text;
  }

  /** Reads a `bytes` field value (or a sub-message kept opaque) as a copy. */
  bytesValue(tag: number, field: string): Uint8Array {
    const end = this.lengthDelimited(tag, field);
    const value = this.bytes.slice(this.pos, end);
    this.pos = end;
    return value;
  }

  /**
   * Reads a length prefix, checks it fits in the current message and returns the end offset
   * of the payload; {@link WireReader.pos} is left at the payload start.
   */
  lengthDelimited(tag: number, field: string): number {
    this.expect(tag, WireType.LengthDelimited, field);
    this.varint();
    const left = this.limit - this.pos;
    if (this.hi !== 0 || this.lo > left) {
      const length = this.hi !== 0 ? 'above 2^32' : String(this.lo);
      this.fail(`${field}: length ${length} exceeds the ${left} bytes left`);
    }
    return this.pos + this.lo;
  }

  /** Reads a sub-message with `read`, which must loop while {@link WireReader.more}. */
  message<T>(tag: number, field: string, read: (r: WireReader) => T): T {
    const end = this.lengthDelimited(tag, field);
    if (this.path.length >= MAX_NESTING) this.fail(`messages nested deeper than ${MAX_NESTING}`);
    const outerLimit = this.limit;
    this.limit = end;
    this.path.push(field);
    const value = read(this);
    this.path.pop();
    this.limit = outerLimit;
    return value;
  }

  /**
   * Reads one occurrence of a repeated scalar field, packed or not, and returns the byte range
   * `[start, end)` that holds its elements back to back.
   */
  scalarRange(tag: number, elementWireType: WireType, field: string): [number, number] {
    const start = this.pos;
    if ((tag & 7) === WireType.LengthDelimited) {
      const end = this.lengthDelimited(tag, field);
      const payloadStart = this.pos;
      this.pos = end;
      return [payloadStart, end];
    }
    this.expect(tag, elementWireType, field);
    this.skipValue(elementWireType);
    return [start, this.pos];
  }

  /** Appends the values of a repeated `int32` field occurrence (packed or not) to `out`. */
  int32s(tag: number, field: string, out: number[]): void {
    const [start, end] = this.scalarRange(tag, WireType.Varint, field);
    const outerLimit = this.limit;
    const after = this.pos;
    this.pos = start;
    this.limit = end;
    while (this.pos < end) {
      this.varint();
      out.push(this.lo | 0);
    }
    this.limit = outerLimit;
    this.pos = after;
  }

  /** Skips the value of an unknown field. */
  skip(tag: number): void {
    const wireType = tag & 7;
    if (wireType !== WireType.StartGroup) {
      this.skipValue(wireType);
      return;
    }

    // Groups (proto2) may nest; track the open start-group field numbers without recursion.
    const open = [tag >>> 3];
    while (open.length > 0) {
      this.varint();
      const inner = this.lo;
      const innerType = inner & 7;
      if (this.hi !== 0 || inner >>> 3 === 0 || innerType > WireType.Fixed32) {
        this.fail('invalid field key inside a group');
      }
      if (innerType === WireType.StartGroup) open.push(inner >>> 3);
      else if (innerType === WireType.EndGroup) {
        if (open.pop() !== inner >>> 3) this.fail('end-group key does not match its start-group');
      } else this.skipValue(innerType);
    }
  }

  private skipValue(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.need(8, 'fixed64 value');
        this.pos += 8;
        return;
      case WireType.LengthDelimited:
        this.pos = this.lengthDelimited(wireType, 'length-delimited value');
        return;
      case WireType.Fixed32:
        this.need(4, 'fixed32 value');
        this.pos += 4;
        return;
      default:
        this.fail(`cannot skip wire type ${wireType}`);
    }
  }

  private need(byteCount: number, field: string): void {
    const left = this.limit - this.pos;
    if (left < byteCount) this.fail(`${field}: needs ${byteCount} bytes, ${left} left`);
  }
}

/**
 * Decodes `bytes` as the message `typeName` with `read`; any failure becomes a
 * {@link WireFormatError} that names `typeName`.
 */
export function decodeMessage<T>(bytes: unknown, typeName: string, read: (r: WireReader) => T): T {
  if (!(bytes instanceof Uint8Array)) {
    throw new WireFormatError(`${typeName}: expected a Uint8Array, got ${describe(bytes)}`);
  }
  const reader = new WireReader(bytes, typeName);
  try {
    return read(reader);
  } catch (error) {
    if (error instanceof WireFormatError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new WireFormatError(`${typeName}: ${detail} at byte ${reader.pos}`, { cause: error });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
