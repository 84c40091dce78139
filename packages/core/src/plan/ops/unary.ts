import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup } from './op.js';
import { tensorOperand } from './operand.js';

/** An elementwise op of one tensor `x`. */
function unary(name: string, fn: (x: tf.Tensor | tf.TensorLike) => tf.Tensor): OpDefinition {
  return { name, params: ['x'], run: (a) => fn(tensorOperand(a[0], 'x')) };
}

/**
 * Elementwise ops of one tensor (plan-ops.md §5 "elementwise unary"). `tf.atan` with a second
 * operand is threepio's mistranslation of `atan2` and runs as `tf.atan2`.
 */
export const UNARY_OPS: OpGroup = [
  unary('abs', tf.abs),
  unary('acos', tf.acos),
  unary('asin', tf.asin),
  {
    name: 'atan',
    params: ['x', 'b'],
    kwargAliases: { other: 'b' },
    run: (a) =>
      a[1] === undefined
        ? tf.atan(tensorOperand(a[0], 'x'))
        : tf.atan2(tensorOperand(a[0], 'x'), tensorOperand(a[1], 'b')),
  },
  unary('ceil', tf.ceil),
  unary('cos', tf.cos),
  unary('cosh', tf.cosh),
  unary('erf', tf.erf),
  unary('exp', tf.exp),
  unary('floor', tf.floor),
  unary('log', tf.log),
  unary('neg', tf.neg),
  unary('reciprocal', tf.reciprocal),
  unary('round', tf.round),
  unary('rsqrt', tf.rsqrt),
  unary('sigmoid', tf.sigmoid),
  unary('sign', tf.sign),
  unary('sin', tf.sin),
  unary('sinh', tf.sinh),
  unary('sqrt', tf.sqrt),
  unary('tan', tf.tan),
  unary('tanh', tf.tanh),
  unary('isFinite', tf.isFinite),
  unary('isInf', tf.isInf),
  unary('isNaN', tf.isNaN),
  unary('real', tf.real),
  unary('imag', tf.imag),
];
