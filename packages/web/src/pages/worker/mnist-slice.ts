import { GridReadError } from '../../errors.js';
import { tf } from '../../browser/syft-browser.js';

/** Pixels per MNIST image (28 × 28). */
export const MNIST_PIXELS = 784;
/** Number of MNIST classes. */
export const MNIST_CLASSES = 10;

/** A slice of MNIST as the grid serves it: raw bytes, one label per image. */
export interface MnistSlice {
  /** Number of examples. */
  count: number;
  /** `count × 784` grey levels 0..255, row-major. */
  images: Uint8Array;
  /** `count` labels 0..9. */
  labels: Uint8Array;
}

/**
 * Downloads a slice of the MNIST training set from the grid's `/data/mnist/train` route, whose
 * body is the images' bytes followed by the labels' bytes.
 *
 * @param offset - index of the first example
 * @param count - number of examples
 * @throws GridReadError when the grid refuses or the body has the wrong length
 */
export async function fetchMnistSlice(offset: number, count: number): Promise<MnistSlice> {
  const path = `/data/mnist/train?offset=${offset}&count=${count}`;
  const response = await fetch(path);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: unknown };
    const reason = typeof body.error === 'string' ? body.error : response.statusText;
    throw new GridReadError(`${path} answered ${response.status}: ${reason}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const expected = count * (MNIST_PIXELS + 1);
  if (bytes.length !== expected) {
    throw new GridReadError(`${path} sent ${bytes.length} bytes, expected ${expected}`);
  }
  return {
    count,
    images: bytes.subarray(0, count * MNIST_PIXELS),
    labels: bytes.subarray(count * MNIST_PIXELS),
  };
}

/**
 * The slice as training tensors: images scaled to [0, 1] as `[count, 784]` float32, labels
 * one-hot as `[count, 10]` float32. The caller owns (and disposes) both.
 *
 * @param slice - the downloaded slice
 */
export function toTrainingTensors(slice: MnistSlice): { data: tf.Tensor; target: tf.Tensor } {
  return tf.tidy(() => {
    const pixels = Float32Array.from(slice.images, (grey) => grey / 255);
    const data = tf.tensor2d(pixels, [slice.count, MNIST_PIXELS]);
    const target = tf.oneHot(tf.tensor1d(slice.labels, 'int32'), MNIST_CLASSES).toFloat();
    return { data, target };
  });
}
