import { ShapeMismatchError } from '../errors.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor } from './operands.js';
import { mul, sub } from './arithmetic.js';
import { logSumExp, sum } from './reductions.js';

/** Checks that the op works on the last axis, the only one tfjs's softmax supports. */
function lastAxis(command: string, x: SymbolicTensor): number {
  if (x.rank < 1) throw new ShapeMismatchError(command, [x.shape], 'needs rank ≥ 1');
  return x.rank - 1;
}

/** Softmax over the last axis (`tf.softmax(x, -1)`). */
export function softmax(x: SymbolicTensor): SymbolicTensor {
  const command = 'tf.softmax';
  const tensor = requireTensor(command, x, 0);
  const axis = lastAxis(command, tensor);
  return tensor.trace.record({
    command,
    args: [tensor, -1],
    operands: [tensor],
    shape: tensor.shape,
    dtype: 'float32',
    // dx = (g - sum(g * y)) * y
    gradient: (g, y) => [mul(sub(g, sum(mul(g, y), axis, true)), y)],
  });
}

/**
 * Log-softmax over the last axis, emitted as `x − logSumExp(x, -1, keepDims)` (threepio has no
 * logSoftmax, so workers may not); the gradient follows from the two ops.
 */
export function logSoftmax(x: SymbolicTensor): SymbolicTensor {
  const tensor = requireTensor('logSoftmax', x, 0);
  return sub(tensor, logSumExp(tensor, lastAxis('logSoftmax', tensor), true));
}
