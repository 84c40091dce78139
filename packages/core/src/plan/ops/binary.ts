import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup } from './op.js';
import { tensorOperand } from './operand.js';

type BinaryFn = (a: tf.Tensor | tf.TensorLike, b: tf.Tensor | tf.TensorLike) => tf.Tensor;

/**
 * A broadcasting op of two operands `a`, `b`; either may be a literal (`tf.div(1, x)`).
 * With `identity` (0 for add/sub, 1 for mul/div) as the literal `b` and a float32 `a`, the
 * result is `a` itself: autograd traces are full of `add(x, 0)`, and no kernel needs to run.
 */
function binary(
  name: string,
  fn: BinaryFn,
  aliases?: Record<string, string>,
  identity?: number,
): OpDefinition {
  return {
    name,
    params: ['a', 'b'],
    kwargAliases: { input: 'a', other: 'b', ...aliases },
    run: (args) => {
      const a = args[0];
      const neutral = identity !== undefined && args[1] === identity;
      if (neutral && a instanceof tf.Tensor && a.dtype === 'float32') return a;
      return fn(tensorOperand(a, 'a'), tensorOperand(args[1], 'b'));
    },
  };
}

/**
 * Elementwise ops of two operands (plan-ops.md §5 "elementwise binary"). Bool operands (from
 * `greater`/`equal`) are promoted by tfjs's own type upcasting.
 */
export const BINARY_OPS: OpGroup = [
  binary('add', tf.add, {}, 0),
  binary('sub', tf.sub, {}, 0),
  binary('mul', tf.mul, {}, 1),
  binary('div', tf.div, {}, 1),
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
