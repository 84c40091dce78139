/**
 * The `contents_<dtype>` fields of `TensorData`: which field and element encoding each torch
 * dtype uses, and the straight byte-range ⇄ typed-array conversions. Floats are copied as one
 * block (little-endian on the wire); varints are decoded into the typed array in one pass.
 * No per-element JS array is ever built.
 */
import type { TensorValues, TorchDtype } from './messages.js';
import { WireType, type WireReader } from './wire-reader.js';
import { cannotEncode, type WireWriter } from './wire-writer.js';

/** How the elements of one `contents_*` field are encoded. */
type ElementEncoding = 'float32' | 'float64' | 'int32' | 'uint32' | 'sint32' | 'int64' | 'bool';

interface ContentsLayout {
  field: number;
  encoding: ElementEncoding;
}

/** `contents_<dtype>` field number and element encoding for every torch dtype. */
const LAYOUTS: Readonly<Record<TorchDtype, ContentsLayout>> = {
  uint8: { field: 16, encoding: 'uint32' },
  int8: { field: 17, encoding: 'int32' },
  int16: { field: 18, encoding: 'int32' },
  int32: { field: 19, encoding: 'int32' },
  int64: { field: 20, encoding: 'int64' },
  float16: { field: 21, encoding: 'float32' },
  float32: { field: 22, encoding: 'float32' },
  float64: { field: 23, encoding: 'float64' },
  bool: { field: 24, encoding: 'bool' },
  qint8: { field: 25, encoding: 'sint32' },
  quint8: { field: 26, encoding: 'uint32' },
  qint32: { field: 27, encoding: 'sint32' },
  bfloat16: { field: 28, encoding: 'float32' },
};

/** Dtype names by `contents_*` field number. */
const DTYPE_BY_FIELD = new Map<number, TorchDtype>(
  (Object.keys(LAYOUTS) as TorchDtype[]).map((dtype) => [LAYOUTS[dtype].field, dtype]),
);

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** True when `name` is a torch dtype with a `contents_<dtype>` field. */
export function isTorchDtype(name: string): name is TorchDtype {
  return Object.prototype.hasOwnProperty.call(LAYOUTS, name);
}

/** The dtype whose values live in `contents_*` field number `field`. */
export function dtypeOfContentsField(field: number): TorchDtype | undefined {
  return DTYPE_BY_FIELD.get(field);
}

/** The wire type of one unpacked element of `dtype`'s contents field. */
export function contentsElementWireType(dtype: TorchDtype): WireType {
  const encoding = LAYOUTS[dtype].encoding;
  if (encoding === 'float32') return WireType.Fixed32;
  if (encoding === 'float64') return WireType.Fixed64;
  return WireType.Varint;
}

/** A byte range `[start, end)` of one `contents_*` occurrence: elements back to back. */
export type ContentsRange = [number, number];

/**
 * Decodes the elements in `ranges` (all of `dtype`'s contents field) into a new typed array.
 * The element count is bounded by the input size, so forged lengths cannot cause large
 * allocations.
 */
export function readContents(
  r: WireReader,
  dtype: TorchDtype,
  ranges: ContentsRange[],
): TensorValues {
  const encoding = LAYOUTS[dtype].encoding;
  if (encoding === 'float32') return new Float32Array(copyFixed(r, dtype, ranges, 4));
  if (encoding === 'float64') return new Float64Array(copyFixed(r, dtype, ranges, 8));

  const count = countVarints(r, dtype, ranges);
  const values = newVarintArray(encoding, count);
  const ints = values instanceof BigInt64Array ? new Uint32Array(values.buffer) : undefined;
  const outerLimit = r.limit;
  const after = r.pos;
  let i = 0;
  for (const [start, end] of ranges) {
    r.pos = start;
    r.limit = end;
    while (r.pos < end) {
      r.varint();
      if (ints !== undefined) {
        ints[2 * i] = r.lo;
        ints[2 * i + 1] = r.hi;
      } else if (encoding === 'sint32') {
        values[i] = (r.lo >>> 1) ^ -(r.lo & 1);
      } else if (encoding === 'bool') {
        values[i] = (r.lo | r.hi) !== 0 ? 1 : 0;
      } else values[i] = encoding === 'int32' ? r.lo | 0 : r.lo;
      i++;
    }
  }
  r.limit = outerLimit;
  r.pos = after;
  if (ints !== undefined && !LITTLE_ENDIAN) swapWordPairs(ints);
  return values;
}

function newVarintArray(encoding: ElementEncoding, count: number): TensorValues {
  if (encoding === 'int64') return new BigInt64Array(count);
  if (encoding === 'bool') return new Uint8Array(count);
  if (encoding === 'uint32') return new Uint32Array(count);
  return new Int32Array(count);
}

/** Copies fixed-width little-endian elements into a fresh, aligned buffer. */
function copyFixed(
  r: WireReader,
  dtype: TorchDtype,
  ranges: ContentsRange[],
  width: 4 | 8,
): ArrayBuffer {
  let byteCount = 0;
  for (const [start, end] of ranges) {
    if ((end - start) % width !== 0) {
      r.fail(`TensorData.contents_${dtype}: ${end - start} bytes is not a multiple of ${width}`);
    }
    byteCount += end - start;
  }
  const out = new Uint8Array(byteCount);
  let offset = 0;
  for (const [start, end] of ranges) {
    out.set(r.bytes.subarray(start, end), offset);
    offset += end - start;
  }
  if (!LITTLE_ENDIAN) reverseEach(out, width);
  return out.buffer;
}

function countVarints(r: WireReader, dtype: TorchDtype, ranges: ContentsRange[]): number {
  let count = 0;
  for (const [start, end] of ranges) {
    if (end > start && (r.bytes[end - 1] as number) >= 0x80) {
      r.fail(`TensorData.contents_${dtype}: packed varints end in the middle of a value`);
    }
    for (let i = start; i < end; i++) if ((r.bytes[i] as number) < 0x80) count++;
  }
  return count;
}

/**
 * Writes `values` as the packed `contents_<dtype>` field; nothing when empty. Fails when the
 * typed array does not fit the dtype.
 */
export function writeContents(w: WireWriter, dtype: TorchDtype, values: TensorValues): void {
  const { field, encoding } = LAYOUTS[dtype];
  checkArrayType(dtype, encoding, values);
  if (values.length === 0) return;

  if (encoding === 'float32' || encoding === 'float64') {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    w.bytes(
      field,
      LITTLE_ENDIAN ? bytes : reverseEach(bytes.slice(), encoding === 'float32' ? 4 : 8),
    );
    return;
  }
  w.bytes(field, encodeVarints(encoding, values));
}

function checkArrayType(dtype: TorchDtype, encoding: ElementEncoding, values: TensorValues): void {
  const expected = {
    float32: Float32Array,
    float64: Float64Array,
    int32: Int32Array,
    sint32: Int32Array,
    uint32: Uint32Array,
    int64: BigInt64Array,
    bool: Uint8Array,
  }[encoding];
  if (!(values instanceof expected)) {
    const actual = (values as object | undefined)?.constructor?.name ?? typeof values;
    cannotEncode(
      `TensorData.values for dtype "${dtype}" must be a ${expected.name}, got ${actual}`,
    );
  }
}

/** Encodes integer elements as back-to-back varints in one buffer (two passes: size, write). */
function encodeVarints(encoding: ElementEncoding, values: TensorValues): Uint8Array {
  const words = values instanceof BigInt64Array ? wordsOf(values) : undefined;
  const n = values.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    if (words !== undefined) {
      lo[i] = words[2 * i] as number;
      hi[i] = words[2 * i + 1] as number;
      continue;
    }
    const v = values[i] as number;
    if (encoding === 'int32') {
      lo[i] = v >>> 0;
      hi[i] = v < 0 ? 0xffffffff : 0;
    } else if (encoding === 'sint32') lo[i] = ((v << 1) ^ (v >> 31)) >>> 0;
    else if (encoding === 'bool') lo[i] = v !== 0 ? 1 : 0;
    else lo[i] = v >>> 0;
  }

  let size = 0;
  for (let i = 0; i < n; i++) size += varintSize(lo[i] as number, hi[i] as number);
  const out = new Uint8Array(size);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    let l = lo[i] as number;
    let h = hi[i] as number;
    while (h !== 0 || l > 0x7f) {
      out[pos++] = (l & 0x7f) | 0x80;
      l = ((l >>> 7) | (h << 25)) >>> 0;
      h >>>= 7;
    }
    out[pos++] = l;
  }
  return out;
}

function varintSize(lo: number, hi: number): number {
  let size = 1;
  while (hi !== 0 || lo > 0x7f) {
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
    size++;
  }
  return size;
}

/** The int64 values as [lo, hi] unsigned word pairs, whatever the platform's byte order. */
function wordsOf(values: BigInt64Array): Uint32Array {
  const words = new Uint32Array(
    values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength),
  );
  if (!LITTLE_ENDIAN) swapWordPairs(words);
  return words;
}

function swapWordPairs(words: Uint32Array): void {
  for (let i = 0; i + 1 < words.length; i += 2) {
    const t = words[i] as number;
    words[i] = words[i + 1] as number;
    words[i + 1] = t;
  }
}

function reverseEach(bytes: Uint8Array, width: number): Uint8Array {
  for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  return bytes;
}
