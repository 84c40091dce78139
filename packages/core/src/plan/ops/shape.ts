import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup, PlanValue } from './op.js';
import {
  intList,
  intValue,
  optionalAxis,
  optionalBool,
  optionalInt,
  optionalNumber,
  tensorList,
  tensorOnly,
  tensorOperand,
  tensorValue,
} from './operand.js';

/** Indices as int32, which tfjs's gather needs (float index tensors are truncated). */
function indexTensor(value: PlanValue, param: string): tf.Tensor {
  const t = tensorValue(value, param);
  return t.dtype === 'int32' ? t : tf.cast(t, 'int32');
}

/** A condition as bool; numbers are true when non-zero, as in torch. */
function boolTensor(value: PlanValue, param: string): tf.Tensor {
  const t = tensorValue(value, param);
  return t.dtype === 'bool' ? t : tf.notEqual(t, 0);
}

/**
 * torch-style `flatten(start_dim, end_dim)`; with neither given the whole tensor becomes 1-D
 * (`tf.util.flatten` is taken as this tensor flatten).
 */
function flatten(x: tf.Tensor, startDim: number, endDim: number): tf.Tensor {
  if (x.rank === 0) return tf.reshape(x, [1]);
  const start = startDim < 0 ? startDim + x.rank : startDim;
  const end = endDim < 0 ? endDim + x.rank : endDim;
  const middle = x.shape.slice(start, end + 1).reduce((p, d) => p * d, 1);
  return tf.reshape(x, [...x.shape.slice(0, start), middle, ...x.shape.slice(end + 1)]);
}

/** `tf.pad` paddings: `[[before, after], ...]`, or torch's flat list (last dim first). */
function paddings(value: PlanValue, rank: number): Array<[number, number]> {
  if (Array.isArray(value) && value.every((v) => Array.isArray(v))) {
    return (value as readonly PlanValue[]).map((p, i) => {
      const [before = 0, after = 0] = intList(p, `paddings[${i}]`);
      return [before, after];
    });
  }
  const flat = intList(value, 'paddings');
  const pairs: Array<[number, number]> = Array.from({ length: rank }, () => [0, 0]);
  for (let k = 0; 2 * k + 1 < flat.length; k += 1) {
    pairs[rank - 1 - k] = [flat[2 * k] ?? 0, flat[2 * k + 1] ?? 0];
  }
  return pairs;
}

const SPLIT: OpDefinition = {
  name: 'split',
  params: ['x', 'numOrSizeSplits', 'axis'],
  kwargAliases: { split_size_or_sections: 'numOrSizeSplits' },
  returns: 'tensors',
  run: (a) => {
    const sizes = Array.isArray(a[1])
      ? intList(a[1], 'numOrSizeSplits')
      : intValue(a[1], 'numOrSizeSplits');
    return tf.split(tensorOperand(a[0], 'x'), sizes, optionalInt(a[2], 'axis'));
  },
};

/** Shape and indexing ops (plan-ops.md §5 "shape / indexing"). */
export const SHAPE_OPS: OpGroup = [
  {
    name: 'reshape',
    params: ['x', 'shape'],
    run: (a) => tf.reshape(tensorOperand(a[0], 'x'), intList(a[1], 'shape')),
  },
  {
    name: 'flatten',
    params: ['x', 'startDim', 'endDim'],
    kwargAliases: { start_dim: 'startDim', end_dim: 'endDim' },
    run: (a) =>
      flatten(
        tensorOnly(a[0], 'x'),
        optionalInt(a[1], 'startDim') ?? 0,
        optionalInt(a[2], 'endDim') ?? -1,
      ),
  },
  {
    name: 'squeeze',
    params: ['x', 'axis'],
    run: (a) => {
      const axis = optionalAxis(a[1], 'axis');
      return tf.squeeze(tensorOperand(a[0], 'x'), typeof axis === 'number' ? [axis] : axis);
    },
  },
  {
    name: 'stack',
    params: ['tensors', 'axis'],
    composite: true,
    run: (a) => tf.stack(tensorList(a[0], 'tensors'), optionalInt(a[1], 'axis')),
  },
  SPLIT,
  {
    name: 'gather',
    params: ['x', 'indices', 'axis', 'batchDims'],
    kwargAliases: { index: 'indices' },
    composite: true,
    run: (a) =>
      tf.gather(
        tensorOperand(a[0], 'x'),
        indexTensor(a[1], 'indices'),
        optionalInt(a[2], 'axis'),
        optionalInt(a[3], 'batchDims'),
      ),
  },
  {
    name: 'take',
    params: ['x', 'indices'],
    kwargAliases: { index: 'indices' },
    composite: true,
    run: (a) => tf.gather(tf.reshape(tensorOperand(a[0], 'x'), [-1]), indexTensor(a[1], 'indices')),
  },
  {
    name: 'pad',
    params: ['x', 'paddings', 'constantValue'],
    kwargAliases: { pad: 'paddings', value: 'constantValue' },
    run: (a) => {
      const x = tensorOnly(a[0], 'x');
      return tf.pad(x, paddings(a[1], x.rank), optionalNumber(a[2], 'constantValue'));
    },
  },
  {
    name: 'cumsum',
    params: ['x', 'axis', 'exclusive', 'reverse'],
    run: (a) =>
      tf.cumsum(
        tensorOperand(a[0], 'x'),
        optionalInt(a[1], 'axis'),
        optionalBool(a[2], 'exclusive'),
        optionalBool(a[3], 'reverse'),
      ),
  },
  {
    name: 'where',
    params: ['condition', 'a', 'b'],
    kwargAliases: { input: 'a', other: 'b' },
    composite: true,
    run: (a) =>
      tf.where(boolTensor(a[0], 'condition'), tensorOperand(a[1], 'a'), tensorOperand(a[2], 'b')),
  },
  {
    name: 'topk',
    params: ['x', 'k', 'sorted'],
    returns: 'tensors',
    run: (a) => {
      const { values, indices } = tf.topk(
        tensorOperand(a[0], 'x'),
        optionalInt(a[1], 'k'),
        optionalBool(a[2], 'sorted'),
      );
      return [values, indices];
    },
  },
];
