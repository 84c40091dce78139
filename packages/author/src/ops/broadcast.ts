import { ShapeMismatchError } from '../errors.js';
import { broadcastShapes, sameShape, type Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { reshape } from './reshape.js';
import { sum } from './reductions.js';
import { add } from './arithmetic.js';
import { filled } from './creation.js';

/**
 * Sums a gradient over the axes broadcasting added, so that it gets the operand's shape back.
 * Used by the gradient rules of broadcasting ops.
 */
export function reduceToShape(g: SymbolicTensor, shape: Shape): SymbolicTensor {
  if (sameShape(g.shape, shape)) return g;
  const lead = g.rank - shape.length;
  const axes: number[] = [];
  g.shape.forEach((dim, i) => {
    if (i < lead || (shape[i - lead] === 1 && dim !== 1)) axes.push(i);
  });
  const summed = axes.length > 0 ? sum(g, axes) : g;
  return sameShape(summed.shape, shape) ? summed : reshape(summed, shape);
}

/**
 * Broadcasts `x` to `shape`, emitted as `tf.add(x, tf.zeros(shape))` (threepio has no
 * broadcastTo, so workers may not). Its gradient sums back over the new axes.
 * @throws ShapeMismatchError when `x` does not broadcast to exactly `shape`
 */
export function broadcastTo(x: SymbolicTensor, shape: Shape): SymbolicTensor {
  const command = 'broadcastTo';
  const target = broadcastShapes(command, x.shape, shape);
  if (!sameShape(target, shape) || x.rank > shape.length) {
    throw new ShapeMismatchError(command, [x.shape, shape], 'cannot broadcast to the target');
  }
  if (sameShape(x.shape, shape)) return x;
  return add(x, filled(x.trace, 0, shape));
}
