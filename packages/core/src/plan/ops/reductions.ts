import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup, PlanValue } from './op.js';
import {
  PlanOperandError,
  intValue,
  optionalAxis,
  optionalBool,
  tensorOperand,
  tensorValue,
} from './operand.js';

type ReduceFn = (
  x: tf.Tensor | tf.TensorLike,
  axis?: number | number[],
  keepDims?: boolean,
) => tf.Tensor;

/** A reduction `(x, axis?, keepDims?)`; torch's `dim`/`keepdim` kwargs land in those slots. */
function reduction(name: string, fn: ReduceFn, composite = false): OpDefinition {
  return {
    name,
    params: ['x', 'axis', 'keepDims'],
    composite,
    run: (a) =>
      fn(tensorOperand(a[0], 'x'), optionalAxis(a[1], 'axis'), optionalBool(a[2], 'keepDims')),
  };
}

/**
 * `max`/`min` over axes; with a tensor in the axis slot (threepio's translation of the
 * two-tensor `torch.max(a, b)`) the elementwise maximum/minimum.
 */
function extremum(name: string, reduce: ReduceFn, elementwise: typeof tf.maximum): OpDefinition {
  return {
    name,
    params: ['x', 'axis', 'keepDims'],
    kwargAliases: { other: 'axis' },
    run: (a) =>
      a[1] instanceof tf.Tensor
        ? elementwise(tensorOperand(a[0], 'x'), a[1])
        : reduce(
            tensorOperand(a[0], 'x'),
            optionalAxis(a[1], 'axis'),
            optionalBool(a[2], 'keepDims'),
          ),
  };
}

/** `all`/`any` read their operand as bool, as torch does for numbers. */
function logical(name: string, fn: ReduceFn): OpDefinition {
  const asBool = (x: tf.Tensor): tf.Tensor => (x.dtype === 'bool' ? x : tf.notEqual(x, 0));
  return reduction(
    name,
    (x, axis, keepDims) => fn(asBool(tensorValue(x as PlanValue, 'x')), axis, keepDims),
    true,
  );
}

/** `argMax`/`argMin` along one axis; torch's `keepdim` keeps that axis as size 1. */
function argExtremum(
  name: string,
  fn: (x: tf.Tensor | tf.TensorLike, axis?: number) => tf.Tensor,
): OpDefinition {
  return {
    name,
    params: ['x', 'axis', 'keepDims'],
    run: (a) => {
      const x = tensorOperand(a[0], 'x');
      const axis = a[1] === undefined || a[1] === null ? undefined : intValue(a[1], 'axis');
      if (optionalBool(a[2], 'keepDims') !== true) return fn(x, axis);
      return tf.tidy(() => tf.expandDims(fn(x, axis), axis ?? 0));
    },
  };
}

/** `norm(x, ord, axis, keepDims)`; torch's `p` is `ord` and `'fro'` is the euclidean norm. */
const NORM: OpDefinition = {
  name: 'norm',
  params: ['x', 'ord', 'axis', 'keepDims'],
  kwargAliases: { p: 'ord' },
  run: (a) => {
    const ord = normOrder(a[1]);
    return tf.norm(
      tensorOperand(a[0], 'x'),
      ord,
      optionalAxis(a[2], 'axis'),
      optionalBool(a[3], 'keepDims'),
    );
  },
};

function normOrder(value: PlanValue): number | 'euclidean' | 'fro' {
  if (value === undefined || value === null || value === 'fro') return 'euclidean';
  if (typeof value === 'number') return value;
  if (value === 'euclidean') return value;
  if (value === 'inf') return Infinity;
  throw new PlanOperandError('ord', "a number, 'fro' or 'euclidean'", value);
}

/** Reductions (plan-ops.md §5 "reductions"); sum of a bool tensor gives int32, as in tfjs. */
export const REDUCTION_OPS: OpGroup = [
  reduction('sum', tf.sum),
  reduction('mean', tf.mean),
  reduction('prod', tf.prod),
  extremum('max', tf.max, tf.maximum),
  extremum('min', tf.min, tf.minimum),
  logical('all', tf.all),
  logical('any', tf.any),
  argExtremum('argMax', tf.argMax),
  argExtremum('argMin', tf.argMin),
  reduction('logSumExp', tf.logSumExp),
  NORM,
];
