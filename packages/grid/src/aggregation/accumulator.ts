import type { AccumulatorRecord } from '../store/records.js';

/**
 * Folds one diff into a cycle's FedAvg running sum (D6): `sum += weight · diff`, in Float64 so
 * that a thousand reports add up without float32 drift. Memory and storage stay O(model size).
 * McMahan et al., "Communication-Efficient Learning of Deep Networks from Decentralized Data",
 * AISTATS 2017.
 *
 * @param previous - the running sum so far, or undefined for the first report
 * @param diff - the report's tensors, in model order
 * @param weight - the report's `num_samples`, or 1 when it did not send one
 * @param cycleId - the cycle the sum belongs to
 * @returns the new running sum (the previous one's buffer is reused)
 */
export function foldWeightedSum(
  previous: AccumulatorRecord | undefined,
  diff: Float32Array[],
  weight: number,
  cycleId: number,
): AccumulatorRecord {
  const size = diff.reduce((n, t) => n + t.length, 0);
  const values = previous?.values ?? new Float64Array(size);
  let offset = 0;
  for (const tensor of diff) {
    for (let i = 0; i < tensor.length; i++) {
      values[offset + i] = (values[offset + i] as number) + weight * (tensor[i] as number);
    }
    offset += tensor.length;
  }
  return {
    cycleId,
    values,
    weightTotal: (previous?.weightTotal ?? 0) + weight,
    count: (previous?.count ?? 0) + 1,
  };
}

/**
 * The weighted average of a FedAvg running sum.
 *
 * @param sum - the running sum of a cycle with at least one report
 */
export function weightedAverage(sum: AccumulatorRecord): Float64Array {
  const average = new Float64Array(sum.values.length);
  for (let i = 0; i < average.length; i++) {
    average[i] = (sum.values[i] as number) / sum.weightTotal;
  }
  return average;
}

/**
 * Splits a flat Float64 vector into Float32 tensors of the given sizes.
 *
 * @param flat - all parameters concatenated
 * @param sizes - the number of values of each tensor
 */
export function splitFlat(flat: Float64Array, sizes: number[]): Float32Array[] {
  let offset = 0;
  return sizes.map((n) => {
    const part = Float32Array.from(flat.subarray(offset, offset + n));
    offset += n;
    return part;
  });
}

/**
 * Concatenates tensors into one Float64 vector.
 *
 * @param tensors - the tensors, in model order
 */
export function flatten(tensors: Float32Array[]): Float64Array {
  const flat = new Float64Array(tensors.reduce((n, t) => n + t.length, 0));
  let offset = 0;
  for (const t of tensors) {
    flat.set(t, offset);
    offset += t.length;
  }
  return flat;
}
