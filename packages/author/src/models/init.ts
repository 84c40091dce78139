import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../shape.js';

/**
 * How a parameter starts: Glorot/Xavier uniform (Glorot & Bengio, 2010), He normal truncated
 * at two standard deviations (He et al., 2015), or zeros (biases).
 */
export type Initializer =
  | { kind: 'glorotUniform'; fanIn: number; fanOut: number }
  | { kind: 'heNormal'; fanIn: number }
  | { kind: 'zeros' };

/** A parameter of a model: its shape and how it starts. */
export interface ParamSpec {
  /** A name for messages and docs, e.g. `fc1.weight`. */
  name: string;
  shape: Shape;
  init: Initializer;
}

/**
 * Draws the initial value of each parameter. The same `seed` gives the same values on every
 * backend (tfjs draws seeded random numbers in JS); parameter i uses seed `seed·1000 + i`.
 */
export function initialParams(specs: readonly ParamSpec[], seed: number): tf.Tensor[] {
  return specs.map((spec, i) => draw(spec, seed * 1000 + i));
}

function draw(spec: ParamSpec, seed: number): tf.Tensor {
  const shape = [...spec.shape];
  const init = spec.init;
  switch (init.kind) {
    case 'zeros':
      return tf.zeros(shape);
    case 'glorotUniform': {
      const limit = Math.sqrt(6 / (init.fanIn + init.fanOut));
      return tf.randomUniform(shape, -limit, limit, 'float32', seed);
    }
    case 'heNormal':
      return tf.truncatedNormal(shape, 0, Math.sqrt(2 / init.fanIn), 'float32', seed);
  }
}
