/**
 * The number of elements of a tensor shape, or `undefined` when a dim is not a non-negative
 * integer (a scalar, shape `[]`, has one element).
 */
export function elementCount(shape: readonly number[]): number | undefined {
  if (!Array.isArray(shape)) return undefined;
  let count = 1;
  for (const dim of shape) {
    if (!Number.isInteger(dim) || dim < 0) return undefined;
    count *= dim;
  }
  return count;
}
