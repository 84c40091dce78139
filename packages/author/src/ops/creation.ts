import type { Shape } from '../shape.js';
import type { SymbolicTensor, TensorDtype } from '../symbolic-tensor.js';
import type { Trace } from '../trace.js';

/** A constant tensor of ones or zeros (`tf.ones(shape)` / `tf.zeros(shape)`); no operands. */
export function filled(
  trace: Trace,
  value: 0 | 1,
  shape: Shape,
  dtype: TensorDtype = 'float32',
): SymbolicTensor {
  return trace.record({
    command: value === 1 ? 'tf.ones' : 'tf.zeros',
    args: dtype === 'float32' ? [[...shape]] : [[...shape], dtype],
    operands: [],
    shape,
    dtype,
  });
}

/** A constant tensor from literal values, row-major (`tf.tensor(values, shape, dtype)`). */
export function literalTensor(
  trace: Trace,
  values: readonly number[],
  shape: Shape,
  dtype: TensorDtype = 'float32',
): SymbolicTensor {
  return trace.record({
    command: 'tf.tensor',
    args: [[...values], [...shape], dtype],
    operands: [],
    shape,
    dtype,
  });
}
