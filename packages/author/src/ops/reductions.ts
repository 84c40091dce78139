import { normalizeAxes, reducedShape, sizeOf, type Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor } from './operands.js';
import { div, mul, sub } from './arithmetic.js';
import { exp } from './unary.js';
import { broadcastTo } from './broadcast.js';
import { cast, equal } from './comparison.js';
import { reshape } from './reshape.js';

/** Reduction axes: one axis, a list, or `undefined` for every axis. */
export type Axes = number | readonly number[];

/**
 * Records a reduction. Arguments are positional (`x, axes, keepDims`) so that syft.js 0.1.4,
 * which ignores kwarg names, runs it too; a full reduction without keepDims is just `(x)`.
 */
function reduce(
  command: string,
  x: SymbolicTensor,
  axes: Axes | undefined,
  keepDims: boolean,
  rule: (gKept: SymbolicTensor, yKept: SymbolicTensor, axes: number[]) => SymbolicTensor,
): SymbolicTensor {
  const tensor = requireTensor(command, x, 0);
  const list = normalizeAxes(command, tensor.shape, axes);
  const shape = reducedShape(tensor.shape, list, keepDims);
  const all = list.length === tensor.rank;
  const args = all && !keepDims ? [tensor] : [tensor, list, keepDims];
  const kept = reducedShape(tensor.shape, list, true);
  return tensor.trace.record({
    command,
    args,
    operands: [tensor],
    shape,
    dtype: tensor.dtype === 'bool' ? 'int32' : tensor.dtype,
    gradient: (g, y) => [rule(restore(g, kept), restore(y, kept), list)],
  });
}

/** Reshapes a reduced tensor back to its keepDims shape, so that it broadcasts against `x`. */
function restore(t: SymbolicTensor, kept: Shape): SymbolicTensor {
  return t.rank === kept.length ? t : reshape(t, kept);
}

/** Sum over `axes` (all when omitted) (`tf.sum`). */
export function sum(x: SymbolicTensor, axes?: Axes, keepDims = false): SymbolicTensor {
  return reduce('tf.sum', x, axes, keepDims, (g) => broadcastTo(g, x.shape));
}

/** Mean over `axes` (all when omitted) (`tf.mean`). */
export function mean(x: SymbolicTensor, axes?: Axes, keepDims = false): SymbolicTensor {
  return reduce('tf.mean', x, axes, keepDims, (g, _y, list) => {
    const count = sizeOf(list.map((axis) => x.shape[axis] ?? 1));
    return div(broadcastTo(g, x.shape), count);
  });
}

/**
 * Maximum over `axes` (all when omitted) (`tf.max`). As in tfjs, the gradient goes to every
 * element equal to the maximum.
 */
export function max(x: SymbolicTensor, axes?: Axes, keepDims = false): SymbolicTensor {
  return reduce('tf.max', x, axes, keepDims, (g, y) => mul(g, cast(equal(x, y), 'float32')));
}

/**
 * `log(Σ exp(x))` over `axes` (all when omitted), computed stably (`tf.logSumExp`). Its
 * gradient is `g · exp(x − y)`, the softmax.
 */
export function logSumExp(x: SymbolicTensor, axes?: Axes, keepDims = false): SymbolicTensor {
  return reduce('tf.logSumExp', x, axes, keepDims, (g, y) => mul(g, exp(sub(x, y))));
}
