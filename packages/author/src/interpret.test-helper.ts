/** Test helpers: run a traced plan with the @syft-ts/core interpreter, compare tensors. */
import * as tf from '@tensorflow/tfjs';
import { compilePlan, type Plan } from '@syft-ts/core';

/** Executes `plan` with the core interpreter on the current backend. */
export function interpret(plan: Plan, inputs: (tf.Tensor | number)[]): tf.Tensor[] {
  const compiled = compilePlan(plan);
  try {
    return compiled.execute(inputs);
  } finally {
    compiled.dispose();
  }
}

/** max|a−b| / max(max|b|, floor): the relative error of `a` against the reference `b`. */
export function relativeError(a: tf.Tensor, b: tf.Tensor, floor = 1e-6): number {
  return tf.tidy(() => {
    const diff = tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
    const scale = Math.max(tf.max(tf.abs(b)).dataSync()[0]!, floor);
    return diff / scale;
  });
}

/** max|a−b|. */
export function maxAbsError(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}
