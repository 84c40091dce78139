import * as tf from '@tensorflow/tfjs';
import { compilePlan, type Plan } from '@syft-ts/core';
import { badRequest } from '../errors.js';
import type { TensorSignature } from '../store/records.js';

/**
 * Applies an iterative averaging plan to one more diff (grid-protocol.md section 4.9): the
 * plan takes the running average's tensors, then the diff's tensors, then the number of diffs
 * already averaged, and returns the new average's tensors.
 *
 * @param plan - the decoded averaging plan
 * @param average - the running average, one tensor per parameter
 * @param diff - the new diff, one tensor per parameter
 * @param averagedSoFar - how many diffs `average` already holds (1, 2, ...)
 * @param signature - the model's parameter shapes
 * @returns the new average
 * @throws GridError 400 when the plan fails or returns tensors of the wrong number or size
 */
export function applyAveragingPlan(
  plan: Plan,
  average: Float32Array[],
  diff: Float32Array[],
  averagedSoFar: number,
  signature: TensorSignature[],
): Float32Array[] {
  const created: tf.Tensor[] = [];
  const tensor = (v: Float32Array | number[], shape: number[]): tf.Tensor => {
    const t = tf.tensor(v, shape, 'float32');
    created.push(t);
    return t;
  };
  try {
    const inputs: (tf.Tensor | number)[] = [
      ...average.map((v, i) => tensor(v, (signature[i] as TensorSignature).shape)),
      ...diff.map((v, i) => tensor(v, (signature[i] as TensorSignature).shape)),
      tensor([averagedSoFar], [1]),
    ];
    let outputs: tf.Tensor[];
    // The compiled plan owns its state tensors; free them however execution ends.
    let compiled: ReturnType<typeof compilePlan> | undefined;
    try {
      compiled = compilePlan(plan);
      outputs = compiled.execute(inputs);
      created.push(...outputs);
    } catch (error) {
      throw badRequest(`averaging plan failed: ${(error as Error).message}`);
    } finally {
      compiled?.dispose();
    }
    if (outputs.length !== signature.length) {
      throw badRequest(
        `averaging plan returned ${outputs.length} tensors, expected ${signature.length}`,
      );
    }
    return outputs.map((t, i) => {
      const values = t.dataSync();
      const expected = (signature[i] as TensorSignature).shape.reduce((p, d) => p * d, 1);
      if (values.length !== expected) {
        throw badRequest(
          `averaging plan output ${i} has ${values.length} values, expected ${expected}`,
        );
      }
      return Float32Array.from(values);
    });
  } finally {
    tf.dispose(created);
  }
}
