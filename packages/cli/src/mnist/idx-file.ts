import { readFile } from 'node:fs/promises';

import { DatasetError } from '../errors.js';

/** The contents of an IDX file of unsigned bytes: its dimensions and its values, row-major. */
export interface IdxArray {
  /** Size of each dimension, outermost first (for MNIST images: count, rows, columns). */
  readonly dims: readonly number[];
  /** All values, row-major; a view on the file's bytes, not a copy. */
  readonly values: Uint8Array;
}

/** The IDX type byte for unsigned 8-bit values, the only type MNIST uses. */
const IDX_UNSIGNED_BYTE = 0x08;

/**
 * Parses an IDX file (the format of LeCun's MNIST files): two zero bytes, a type byte, a
 * dimension count, one big-endian uint32 per dimension, then the values. Only unsigned-byte
 * files are accepted.
 *
 * @param bytes - the whole file
 * @param source - a name for the file, used in error messages
 * @returns the dimensions and a view on the values
 * @throws {@link DatasetError} when the header is wrong or the file is shorter or longer than
 *   its header says
 */
export function parseIdx(bytes: Uint8Array, source: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(`${source}: not an IDX file (expected a header starting 00 00)`);
  }
  if (bytes[2] !== IDX_UNSIGNED_BYTE) {
    throw new DatasetError(
      `${source}: IDX value type 0x${(bytes[2] ?? 0).toString(16)} is not supported ` +
        '(expected 0x08, unsigned bytes)',
    );
  }

  const dimCount = bytes[3] ?? 0;
  const headerLength = 4 + 4 * dimCount;
  if (dimCount === 0 || bytes.length < headerLength) {
    throw new DatasetError(
      `${source}: IDX header declares ${dimCount} dimensions but is cut short`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < dimCount; d++) dims.push(view.getUint32(4 + 4 * d, false));

  const expected = dims.reduce((product, size) => product * size, 1);
  const actual = bytes.length - headerLength;
  if (actual !== expected) {
    throw new DatasetError(
      `${source}: IDX header [${dims.join(', ')}] needs ${expected} values, file holds ${actual}`,
    );
  }
  return { dims, values: bytes.subarray(headerLength) };
}

/**
 * Reads and parses an IDX file from disk.
 *
 * @param path - path of the file
 * @returns the parsed array
 * @throws {@link DatasetError} when the file cannot be read or is not a valid IDX file
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DatasetError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return parseIdx(bytes, path);
}
