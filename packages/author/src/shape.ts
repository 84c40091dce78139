import { ShapeMismatchError } from './errors.js';

/** A static tensor shape: one non-negative size per dimension, `[]` for a scalar. */
export type Shape = readonly number[];

/** The number of elements a tensor of this shape holds. */
export function sizeOf(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Whether two shapes are identical. */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}

/**
 * The shape numpy-style broadcasting gives two operands (the rule tfjs uses).
 * @param op - the op, for the error message
 * @throws ShapeMismatchError when a pair of dimensions is neither equal nor 1
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const result: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeMismatchError(op, [a, b], 'shapes do not broadcast');
    }
    result.push(da === 1 ? db : da);
  }
  return result;
}

/**
 * Normalises reduction axes against a rank: negatives count from the end, `undefined` means
 * every axis. The result is sorted and free of duplicates.
 * @throws ShapeMismatchError when an axis is out of range
 */
export function normalizeAxes(
  op: string,
  shape: Shape,
  axes?: number | readonly number[],
): number[] {
  if (axes === undefined) return shape.map((_, i) => i);
  const list = typeof axes === 'number' ? [axes] : [...axes];
  const normalized = list.map((axis) => {
    const positive = axis < 0 ? axis + shape.length : axis;
    if (!Number.isInteger(positive) || positive < 0 || positive >= shape.length) {
      throw new ShapeMismatchError(op, [shape], `axis ${axis} is out of range`);
    }
    return positive;
  });
  return [...new Set(normalized)].sort((x, y) => x - y);
}

/** The shape left after reducing `axes`, keeping them as size 1 when `keepDims` is set. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const result: number[] = [];
  shape.forEach((dim, i) => {
    if (!axes.includes(i)) result.push(dim);
    else if (keepDims) result.push(1);
  });
  return result;
}

/**
 * Resolves a reshape target that may hold one `-1` against the element count of the source.
 * @throws ShapeMismatchError when the sizes cannot match
 */
export function resolveReshape(op: string, from: Shape, to: readonly number[]): number[] {
  const total = sizeOf(from);
  const unknown = to.filter((dim) => dim === -1).length;
  const known = to.filter((dim) => dim !== -1).reduce((p, d) => p * d, 1);
  const badDim = to.some((dim) => !Number.isInteger(dim) || dim < -1);
  if (badDim || unknown > 1 || (unknown === 0 && known !== total)) {
    throw new ShapeMismatchError(op, [from, to], `cannot reshape ${total} elements`);
  }
  if (unknown === 0) return [...to];
  if (known === 0 || total % known !== 0) {
    throw new ShapeMismatchError(op, [from, to], `cannot reshape ${total} elements`);
  }
  return to.map((dim) => (dim === -1 ? total / known : dim));
}
