import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup, PlanValue } from './op.js';
import { optionalDtype } from './dtype.js';
import {
  PlanOperandError,
  intList,
  intValue,
  numberValue,
  optionalInt,
  optionalNumber,
} from './operand.js';

/** A filled tensor of a shape (`ones`, `zeros`); torch's `size` kwarg is the shape. */
function filled(
  name: string,
  fn: (shape: number[], dtype?: tf.DataType) => tf.Tensor,
): OpDefinition {
  return {
    name,
    params: ['shape', 'dtype'],
    kwargAliases: { size: 'shape' },
    run: (a) => fn(intList(a[0], 'shape'), optionalDtype(a[1], 'dtype')),
  };
}

/** A literal (nested) list of numbers or booleans, for `tf.tensor`. */
function literalValues(value: PlanValue): tf.TensorLike {
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value as tf.TensorLike;
  throw new PlanOperandError('values', 'a number or a list of numbers', value);
}

/** Tensor-creating ops (plan-ops.md §5 "creation"). */
export const CREATION_OPS: OpGroup = [
  filled('ones', tf.ones),
  filled('zeros', tf.zeros),
  {
    name: 'eye',
    params: ['numRows', 'numColumns', 'batchShape', 'dtype'],
    kwargAliases: { n: 'numRows', m: 'numColumns' },
    run: (a) => {
      const batch = a[2] === undefined || a[2] === null ? undefined : intList(a[2], 'batchShape');
      const dtype = optionalDtype(a[3], 'dtype');
      return tf.eye(
        intValue(a[0], 'numRows'),
        optionalInt(a[1], 'numColumns'),
        batch as [number] | undefined,
        dtype === 'complex64' || dtype === 'string' ? undefined : dtype,
      );
    },
  },
  {
    name: 'linspace',
    params: ['start', 'stop', 'num'],
    kwargAliases: { end: 'stop', steps: 'num' },
    run: (a) =>
      tf.linspace(numberValue(a[0], 'start'), numberValue(a[1], 'stop'), intValue(a[2], 'num')),
  },
  {
    name: 'range',
    params: ['start', 'stop', 'step', 'dtype'],
    kwargAliases: { end: 'stop' },
    run: (a) => {
      const dtype = optionalDtype(a[3], 'dtype');
      return tf.range(
        numberValue(a[0], 'start'),
        numberValue(a[1], 'stop'),
        optionalNumber(a[2], 'step'),
        dtype === 'int32' ? 'int32' : 'float32',
      );
    },
  },
  {
    name: 'tensor',
    params: ['values', 'shape', 'dtype'],
    kwargAliases: { data: 'values' },
    run: (a) => {
      const shape = a[1] === undefined || a[1] === null ? undefined : intList(a[1], 'shape');
      return tf.tensor(literalValues(a[0]), shape, optionalDtype(a[2], 'dtype'));
    },
  },
];
