import type * as tf from '@tensorflow/tfjs';

import type { PlanValue } from './op.js';
import { PlanOperandError } from './operand.js';

/** tfjs and torch dtype spellings → the tfjs dtype a plan tensor gets. */
const DTYPES: Readonly<Record<string, tf.DataType>> = {
  float32: 'float32',
  float: 'float32',
  float16: 'float32',
  float64: 'float32',
  double: 'float32',
  half: 'float32',
  int32: 'int32',
  int: 'int32',
  int64: 'int32',
  long: 'int32',
  int16: 'int32',
  int8: 'int32',
  uint8: 'int32',
  bool: 'bool',
  complex64: 'complex64',
  string: 'string',
};

/** Reads a dtype operand (`"float32"`, `"torch.float32"`, `"long"`, ...) as a tfjs dtype. */
export function dtypeValue(value: PlanValue, param: string): tf.DataType {
  const name = typeof value === 'string' ? value.replace(/^torch\./, '') : undefined;
  const dtype = name === undefined ? undefined : DTYPES[name];
  if (dtype === undefined) throw new PlanOperandError(param, 'a dtype name', value);
  return dtype;
}

/** An optional dtype operand: `undefined`/`null` stay `undefined`. */
export function optionalDtype(value: PlanValue, param: string): tf.DataType | undefined {
  return value === undefined || value === null ? undefined : dtypeValue(value, param);
}
