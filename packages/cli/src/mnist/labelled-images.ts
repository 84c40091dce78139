import { DatasetError } from '../errors.js';
import { readIdxFile } from './idx-file.js';

/** Images with one class label each, as stored on disk: one byte per pixel, row-major. */
export interface LabelledImages {
  /** Number of examples. */
  readonly count: number;
  /** Pixels per example (784 for 28x28 MNIST). */
  readonly featureSize: number;
  /** `count * featureSize` pixel values 0..255. */
  readonly pixels: Uint8Array;
  /** `count` class labels. */
  readonly labels: Uint8Array;
}

/**
 * Reads an IDX image file and its IDX label file and checks that they belong together.
 *
 * @param imagesPath - IDX file of shape [count, rows, columns]
 * @param labelsPath - IDX file of shape [count]
 * @returns the examples
 * @throws {@link DatasetError} when a file is unreadable, malformed, or the counts differ
 */
export async function readLabelledImages(
  imagesPath: string,
  labelsPath: string,
): Promise<LabelledImages> {
  const [images, labels] = await Promise.all([readIdxFile(imagesPath), readIdxFile(labelsPath)]);
  if (images.dims.length !== 3) {
    throw new DatasetError(
      `${imagesPath}: expected images of shape [count, rows, columns], got [${images.dims.join(', ')}]`,
    );
  }
  if (labels.dims.length !== 1) {
    throw new DatasetError(
      `${labelsPath}: expected labels of shape [count], got [${labels.dims.join(', ')}]`,
    );
  }
  const [count = 0, rows = 0, columns = 0] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DatasetError(
      `${labelsPath}: holds ${labels.dims[0]} labels but ${imagesPath} holds ${count} images`,
    );
  }
  return { count, featureSize: rows * columns, pixels: images.values, labels: labels.values };
}

/**
 * Picks some examples out of a set, copying them into a new compact set.
 *
 * @param source - the full set
 * @param indices - which examples to take, in order
 * @returns a new set holding only those examples
 */
export function selectExamples(source: LabelledImages, indices: readonly number[]): LabelledImages {
  const { featureSize } = source;
  const pixels = new Uint8Array(indices.length * featureSize);
  const labels = new Uint8Array(indices.length);
  indices.forEach((index, row) => {
    pixels.set(
      source.pixels.subarray(index * featureSize, (index + 1) * featureSize),
      row * featureSize,
    );
    labels[row] = source.labels[index] ?? 0;
  });
  return { count: indices.length, featureSize, pixels, labels };
}
