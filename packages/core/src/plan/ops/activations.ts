import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup } from './op.js';
import {
  intList,
  optionalBool,
  optionalInt,
  optionalNumber,
  tensorOperand,
  tensorValue,
} from './operand.js';

function activation(name: string, fn: (x: tf.Tensor | tf.TensorLike) => tf.Tensor): OpDefinition {
  return { name, params: ['x'], run: (a) => fn(tensorOperand(a[0], 'x')) };
}

/** Softmax along any axis; tfjs's own kernel only takes the last one. */
function softmax(logits: tf.Tensor, dim: number): tf.Tensor {
  const axis = dim < 0 ? dim + logits.rank : dim;
  if (axis === logits.rank - 1) return tf.softmax(logits);
  return tf.exp(tf.sub(logits, tf.logSumExp(logits, axis, true)));
}

/**
 * Activation functions (plan-ops.md §5 "activations"). `softmax` takes torch's `dim` on any
 * axis; `dropout` reads torch's `p` as `rate` and is the identity when `training` is false.
 */
export const ACTIVATION_OPS: OpGroup = [
  activation('relu', tf.relu),
  activation('elu', tf.elu),
  activation('selu', tf.selu),
  activation('softplus', tf.softplus),
  activation('logSigmoid', tf.logSigmoid),
  {
    name: 'prelu',
    params: ['x', 'alpha'],
    kwargAliases: { weight: 'alpha' },
    run: (a) => tf.prelu(tensorOperand(a[0], 'x'), tensorOperand(a[1], 'alpha')),
  },
  {
    name: 'softmax',
    params: ['logits', 'dim'],
    kwargAliases: { input: 'logits', axis: 'dim' },
    composite: true,
    run: (a) => softmax(tensorValue(a[0], 'logits'), optionalInt(a[1], 'dim') ?? -1),
  },
  {
    name: 'dropout',
    params: ['x', 'rate', 'noiseShape', 'seed', 'training'],
    kwargAliases: { p: 'rate' },
    random: true,
    run: (a) => {
      const x = tensorOperand(a[0], 'x');
      if (optionalBool(a[4], 'training') === false) return tf.clone(x);
      const noiseShape =
        a[2] === undefined || a[2] === null ? undefined : intList(a[2], 'noiseShape');
      return tf.dropout(
        x,
        optionalNumber(a[1], 'rate') ?? 0.5,
        noiseShape,
        optionalInt(a[3], 'seed'),
      );
    },
  },
];
