import * as tf from '@tensorflow/tfjs';

import type { OpGroup, PlanValue } from './op.js';
import { intList, intValue, optionalBool, tensorOnly, tensorOperand } from './operand.js';

/**
 * The permutation for `tf.transpose`: none reverses all dims, a list is a tfjs `perm`, and two
 * integers are torch's `transpose(dim0, dim1)` (which threepio passes where tfjs wants `perm`).
 */
function permutation(rank: number, perm: PlanValue, dim1: PlanValue): number[] | undefined {
  if (perm === undefined || perm === null) return undefined;
  if (dim1 === undefined || dim1 === null) return intList(perm, 'perm');
  const order = Array.from({ length: rank }, (_, i) => i);
  const i = normalizeAxis(intValue(perm, 'dim0'), rank);
  const j = normalizeAxis(intValue(dim1, 'dim1'), rank);
  order[i] = j;
  order[j] = i;
  return order;
}

function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** Linear algebra (plan-ops.md §5): matMul, transpose (tfjs and torch forms), qr. */
export const LINALG_OPS: OpGroup = [
  {
    name: 'matMul',
    params: ['a', 'b', 'transposeA', 'transposeB'],
    kwargAliases: { input: 'a', other: 'b', mat2: 'b' },
    run: (a) =>
      tf.matMul(
        tensorOperand(a[0], 'a'),
        tensorOperand(a[1], 'b'),
        optionalBool(a[2], 'transposeA'),
        optionalBool(a[3], 'transposeB'),
      ),
  },
  {
    name: 'transpose',
    params: ['x', 'perm', 'dim1'],
    kwargAliases: { dim0: 'perm' },
    run: (a) => {
      const x = tensorOnly(a[0], 'x');
      return tf.transpose(x, permutation(x.rank, a[1], a[2]));
    },
  },
  {
    name: 'qr',
    params: ['x', 'fullMatrices'],
    returns: 'tensors',
    run: (a) => tf.linalg.qr(tensorOnly(a[0], 'x'), optionalBool(a[1], 'fullMatrices')),
  },
];
