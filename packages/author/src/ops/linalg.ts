import { ShapeMismatchError } from '../errors.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor, traceOf } from './operands.js';

/**
 * The matrix product of two 2-D tensors (`tf.matMul`, two positional operands). Transposes are
 * separate `tf.transpose` actions: every worker backend runs them fast, unlike matMul's flags.
 */
export function matMul(a: SymbolicTensor, b: SymbolicTensor): SymbolicTensor {
  const command = 'tf.matMul';
  const trace = traceOf(command, [a, b]);
  const left = requireTensor(command, a, 0);
  const right = requireTensor(command, b, 1);
  if (left.rank !== 2 || right.rank !== 2 || left.shape[1] !== right.shape[0]) {
    throw new ShapeMismatchError(command, [left.shape, right.shape], 'needs [m,k] x [k,n]');
  }
  return trace.record({
    command,
    args: [left, right],
    operands: [left, right],
    shape: [left.shape[0] ?? 0, right.shape[1] ?? 0],
    dtype: 'float32',
    gradient: (g, _y, needs) => [
      needs[0] ? matMul(g, transpose(right)) : undefined,
      needs[1] ? matMul(transpose(left), g) : undefined,
    ],
  });
}

/**
 * Permutes the dimensions (`tf.transpose`); without `perm` it reverses them (a matrix
 * transpose for 2-D).
 */
export function transpose(x: SymbolicTensor, perm?: readonly number[]): SymbolicTensor {
  const command = 'tf.transpose';
  const tensor = requireTensor(command, x, 0);
  const order = perm ? [...perm] : tensor.shape.map((_, i) => tensor.rank - 1 - i);
  const valid =
    order.length === tensor.rank && [...order].sort((p, q) => p - q).every((axis, i) => axis === i);
  if (!valid)
    throw new ShapeMismatchError(command, [tensor.shape, order], 'perm is not a permutation');
  const inverse = order.map((_, i) => order.indexOf(i));
  return tensor.trace.record({
    command,
    args: perm ? [tensor, order] : [tensor],
    operands: [tensor],
    shape: order.map((axis) => tensor.shape[axis] ?? 0),
    dtype: tensor.dtype,
    gradient: (g) => [perm ? transpose(g, inverse) : transpose(g)],
  });
}
