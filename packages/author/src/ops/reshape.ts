import { ShapeMismatchError } from '../errors.js';
import { normalizeAxes, resolveReshape, sameShape, sizeOf, type Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor } from './operands.js';

/**
 * Gives `x` a new shape with the same element count (`tf.reshape`); one dimension may be -1.
 * The emitted shape is always fully resolved.
 */
export function reshape(x: SymbolicTensor, shape: readonly number[]): SymbolicTensor {
  const command = 'tf.reshape';
  const tensor = requireTensor(command, x, 0);
  const resolved = resolveReshape(command, tensor.shape, shape);
  return tensor.trace.record({
    command,
    args: [tensor, resolved],
    operands: [tensor],
    shape: resolved,
    dtype: tensor.dtype,
    gradient: (g) => [reshape(g, tensor.shape)],
  });
}

/** Flattens every dimension after the first: `[N, ...] → [N, prod(...)]`. */
export function flatten(x: SymbolicTensor): SymbolicTensor {
  const [batch = 1, ...rest] = x.shape;
  return reshape(x, [batch, sizeOf(rest)]);
}

/**
 * Pads with zeros (`tf.pad`); `paddings[i]` is `[before, after]` for dimension i.
 * Its gradient slices the padding off again.
 */
export function pad(
  x: SymbolicTensor,
  paddings: readonly (readonly [number, number])[],
): SymbolicTensor {
  const command = 'tf.pad';
  const tensor = requireTensor(command, x, 0);
  if (
    paddings.length !== tensor.rank ||
    paddings.flat().some((p) => !Number.isInteger(p) || p < 0)
  ) {
    throw new ShapeMismatchError(
      command,
      [tensor.shape, paddings.flat()],
      'needs [before, after] ≥ 0 per dimension',
    );
  }
  const shape = tensor.shape.map(
    (dim, i) => dim + (paddings[i]?.[0] ?? 0) + (paddings[i]?.[1] ?? 0),
  );
  if (sameShape(shape, tensor.shape)) return tensor;
  return tensor.trace.record({
    command,
    args: [tensor, paddings.map(([before, after]) => [before, after])],
    operands: [tensor],
    shape,
    dtype: tensor.dtype,
    gradient: (g) => [
      slice(
        g,
        paddings.map(([before]) => before),
        tensor.shape,
      ),
    ],
  });
}

/**
 * The block of `size` starting at `begin`, emitted as one `tf.gather(x, indices, axis)` per
 * cropped axis (threepio has no slice, so workers may not). Its gradient pads back with zeros.
 * @throws ShapeMismatchError when the block does not fit in `x`
 */
export function slice(x: SymbolicTensor, begin: readonly number[], size: Shape): SymbolicTensor {
  const command = 'slice';
  const tensor = requireTensor(command, x, 0);
  const fits =
    begin.length === tensor.rank &&
    size.length === tensor.rank &&
    tensor.shape.every((dim, i) => {
      const [b = -1, s = -1] = [begin[i], size[i]];
      return Number.isInteger(b) && Number.isInteger(s) && b >= 0 && s >= 0 && b + s <= dim;
    });
  if (!fits)
    throw new ShapeMismatchError(command, [tensor.shape, begin, size], 'block out of range');
  let result = tensor;
  tensor.shape.forEach((dim, axis) => {
    const [b = 0, s = dim] = [begin[axis], size[axis]];
    if (s !== dim) result = takeRange(result, axis, b, s);
  });
  return result;
}

/** Elements `begin .. begin+size-1` along `axis` (`tf.gather` with an index list). */
function takeRange(x: SymbolicTensor, axis: number, begin: number, size: number): SymbolicTensor {
  const indices = Array.from({ length: size }, (_, k) => begin + k);
  const dim = x.shape[axis] ?? 0;
  return x.trace.record({
    command: 'tf.gather',
    args: [x, indices, axis],
    operands: [x],
    shape: x.shape.map((d, i) => (i === axis ? size : d)),
    dtype: x.dtype,
    gradient: (g) => [
      pad(
        g,
        x.shape.map((_, i): [number, number] =>
          i === axis ? [begin, dim - begin - size] : [0, 0],
        ),
      ),
    ],
  });
}

/** `x` with the order of elements along each of `axes` reversed (`tf.gather` per axis). */
export function reverse(x: SymbolicTensor, axes: readonly number[]): SymbolicTensor {
  let result = requireTensor('reverse', x, 0);
  for (const axis of normalizeAxes('reverse', result.shape, axes)) {
    const dim = result.shape[axis] ?? 0;
    const source = result;
    result = source.trace.record({
      command: 'tf.gather',
      args: [source, Array.from({ length: dim }, (_, k) => dim - 1 - k), axis],
      operands: [source],
      shape: source.shape,
      dtype: source.dtype,
      gradient: (g) => [reverse(g, [axis])],
    });
  }
  return result;
}
