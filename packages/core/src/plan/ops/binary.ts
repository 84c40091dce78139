import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup } from './op.js';
import { tensorOperand } from './operand.js';

type BinaryFn = (a: tf.Tensor | tf.TensorLike, b: tf.Tensor | tf.TensorLike) => tf.Tensor;

/** A broadcasting op of two operands `a`, `b`; either may be a literal (`tf.div(1, x)`). */
function binary(name: string, fn: BinaryFn, aliases?: Record<string, string>): OpDefinition {
  return {
    name,
    params: ['a', 'b'],
    kwargAliases: { input: 'a', other: 'b', ...aliases },
    run: (args) => fn(tensorOperand(args[0], 'a'), tensorOperand(args[1], 'b')),
  };
}

/**
 * Elementwise ops of two operands (plan-ops.md §5 "elementwise binary"). Bool operands (from
 * `greater`/`equal`) are promoted by tfjs's own type upcasting.
 */
export const BINARY_OPS: OpGroup = [
  binary('add', tf.add),
  binary('sub', tf.sub),
  binary('mul', tf.mul),
  binary('div', tf.div),
  binary('pow', tf.pow, { self: 'a', exponent: 'b', base: 'a', exp: 'b' }),
  binary('equal', tf.equal),
  binary('greater', tf.greater),
  {
    name: 'dot',
    params: ['t1', 't2'],
    kwargAliases: { input: 't1', other: 't2', tensor: 't2' },
    run: (a) => tf.dot(tensorOperand(a[0], 't1'), tensorOperand(a[1], 't2')),
  },
];
