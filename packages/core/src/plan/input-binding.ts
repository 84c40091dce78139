import * as tf from '@tensorflow/tfjs';

import { PlanInputError } from './errors.js';

/** One plan input as the caller gives it: a tensor, or a plain number for a scalar. */
export type PlanInput = tf.Tensor | number;

/** What the plan knows about input `index`: its placeholder id and expected shape. */
export interface InputSlot {
  readonly index: number;
  readonly placeholderId: string;
  readonly expectedShape: readonly number[] | undefined;
}

/** True for `[]` and `[1]`: the shapes PySyft records for a traced scalar. */
function isScalarShape(shape: readonly number[]): boolean {
  return shape.length === 0 || (shape.length === 1 && shape[0] === 1);
}

/**
 * Whether `actual` fits `expected`: equal dims (a negative expected dim matches anything), or
 * both are one-element scalars (`[]` vs `[1]`; syft.js passes scalar tensors for `[1]` inputs).
 */
export function shapeFits(expected: readonly number[], actual: readonly number[]): boolean {
  if (isScalarShape(expected) && isScalarShape(actual)) return true;
  if (expected.length !== actual.length) return false;
  return expected.every((d, i) => d < 0 || d === actual[i]);
}

/**
 * Checks one input and returns the tensor to bind. A number becomes a float32 scalar, allowed
 * only where the expected shape is `[]`, `[1]` or unrecorded; the caller disposes that scalar.
 */
export function bindInput(slot: InputSlot, value: unknown, checkShape: boolean): tf.Tensor {
  const where = `input ${slot.index} (placeholder ${slot.placeholderId})`;
  const expected = slot.expectedShape;
  if (typeof value === 'number') {
    if (checkShape && expected !== undefined && !isScalarShape(expected)) {
      throw new PlanInputError(
        'PLAN_INPUT_SHAPE',
        `${where} expects shape [${expected.join(', ')}], got the number ${value}`,
      );
    }
    return tf.scalar(value, 'float32');
  }
  if (!(value instanceof tf.Tensor)) {
    throw new PlanInputError(
      'PLAN_INPUT_TYPE',
      `${where} must be a tf.Tensor or a number, got ${typeof value}`,
    );
  }
  const tensor: tf.Tensor = value as tf.Tensor;
  if (tensor.isDisposed) {
    throw new PlanInputError('PLAN_INPUT_TYPE', `${where} is a disposed tensor`);
  }
  if (checkShape && expected !== undefined && !shapeFits(expected, tensor.shape)) {
    throw new PlanInputError(
      'PLAN_INPUT_SHAPE',
      `${where} expects shape [${expected.join(', ')}], got shape [${tensor.shape.join(', ')}]`,
    );
  }
  return tensor;
}
