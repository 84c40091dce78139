import * as tf from '@tensorflow/tfjs';

import type { TorchTensor } from '../wire/messages.js';

/**
 * A plan constant (a state tensor or an `arg_tensor`) as a tfjs tensor, or the reason it
 * cannot be one. int64 values must fit in int32 (tfjs has no int64); floats become float32.
 */
export function constantTensor(torch: TorchTensor): tf.Tensor | string {
  const data = torch.data;
  if (data === undefined) {
    return 'the tensor has no portable contents (only serializer ALL is supported)';
  }
  const expected = data.shape.reduce((p, d) => p * d, 1);
  if (data.values.length !== expected) {
    return `the tensor has ${data.values.length} values for shape [${data.shape.join(', ')}]`;
  }
  const values = data.values;
  if (values instanceof BigInt64Array) {
    const ints = new Int32Array(values.length);
    for (let i = 0; i < values.length; i += 1) {
      const v = values[i] ?? 0n;
      if (v > 2147483647n || v < -2147483648n) return `int64 value ${v} does not fit in int32`;
      ints[i] = Number(v);
    }
    return tf.tensor(ints, data.shape, 'int32');
  }
  if (data.dtype === 'bool') return tf.tensor(values, data.shape, 'bool');
  if (values instanceof Float32Array || values instanceof Float64Array) {
    return tf.tensor(Float32Array.from(values), data.shape, 'float32');
  }
  return tf.tensor(Int32Array.from(values), data.shape, 'int32');
}
