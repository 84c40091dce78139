import * as tf from '@tensorflow/tfjs';

import type { LabelledImages } from './labelled-images.js';
import { MNIST_CLASS_COUNT } from './mnist-dataset.js';

/** Model inputs and one-hot targets for a set of labelled images. */
export interface TrainingTensors {
  /** `[count, featureSize]` float32 pixels scaled to [0, 1]. */
  readonly data: tf.Tensor2D;
  /** `[count, classes]` float32 one-hot labels. */
  readonly target: tf.Tensor2D;
}

/**
 * Turns images into the tensors the MNIST plans take: pixels scaled to [0, 1] and one-hot
 * targets, optionally in a given order (a shuffle per cycle).
 *
 * @param examples - the images
 * @param order - which examples, in which order; default all, as stored
 * @returns the tensors; the caller disposes them
 */
export function toTrainingTensors(
  examples: LabelledImages,
  order?: readonly number[],
): TrainingTensors {
  const indices = order ?? Array.from({ length: examples.count }, (_, i) => i);
  const { featureSize } = examples;
  const pixels = new Float32Array(indices.length * featureSize);
  const targets = new Float32Array(indices.length * MNIST_CLASS_COUNT);

  indices.forEach((index, row) => {
    const offset = index * featureSize;
    for (let p = 0; p < featureSize; p++) {
      pixels[row * featureSize + p] = (examples.pixels[offset + p] ?? 0) / 255;
    }
    targets[row * MNIST_CLASS_COUNT + (examples.labels[index] ?? 0)] = 1;
  });

  return {
    data: tf.tensor2d(pixels, [indices.length, featureSize]),
    target: tf.tensor2d(targets, [indices.length, MNIST_CLASS_COUNT]),
  };
}
