import * as tf from '@tensorflow/tfjs';

import type { OpGroup } from './op.js';
import { dtypeValue } from './dtype.js';
import { tensorOperand } from './operand.js';

/** Type and copy ops (plan-ops.md §5 "type / copy"): `cast` (tfjs or torch dtype names), `clone`. */
export const CONVERSION_OPS: OpGroup = [
  {
    name: 'cast',
    params: ['x', 'dtype'],
    run: (a) => tf.cast(tensorOperand(a[0], 'x'), dtypeValue(a[1], 'dtype')),
  },
  {
    name: 'clone',
    params: ['x'],
    run: (a) => tf.clone(tensorOperand(a[0], 'x')),
  },
];
