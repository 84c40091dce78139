import * as tf from '@tensorflow/tfjs';

import type { OpGroup } from './op.js';
import { dtypeValue } from './dtype.js';
import { tensorOperand } from './operand.js';

/** Type and copy ops (plan-ops.md §5 "type / copy"): `cast` (tfjs or torch dtype names), `clone`. */
export const CONVERSION_OPS: OpGroup = [
  {
    name: 'cast',
    params: ['x', 'dtype'],
    run: (a) => {
      const dtype = dtypeValue(a[1], 'dtype');
      const x = a[0];
      // Tensors are immutable: a cast to the same dtype can hand back its operand.
      return x instanceof tf.Tensor && x.dtype === dtype
        ? x
        : tf.cast(tensorOperand(x, 'x'), dtype);
    },
  },
  {
    name: 'clone',
    params: ['x'],
    // Tensors are immutable, so a clone inside a plan can share its operand's tensor.
    run: (a) => (a[0] instanceof tf.Tensor ? a[0] : tf.clone(tensorOperand(a[0], 'x'))),
  },
];
