/**
 * Conversions between wire tensors (`TorchTensor`) and TensorFlow.js tensors. Values move as
 * typed arrays in one copy; no per-element JS array is built.
 */
import * as tf from '@tensorflow/tfjs';

import {
  type SyftId,
  type TensorData,
  type TensorValues,
  type TorchDtype,
  type TorchTensor,
} from '../wire/messages.js';
import { portableData, portableTensor } from './state-layout.js';
import { TensorConversionError } from './tensor-conversion-error.js';

/**
 * Makes a TensorFlow.js tensor from a portable wire tensor. Float dtypes (float16, float32,
 * float64, bfloat16) become `float32`, integer dtypes `int32`, `bool` stays `bool`; a
 * quantized tensor is dequantized to `float32` as `(value - zeroPoint) * scale`.
 *
 * @example
 * ```ts
 * const weights = tensorFromTorch(decodeTorchTensor(bytes));
 * ```
 * @param torch - a tensor with serializer ALL and `contents_data`
 * @param label - how to name the tensor in errors
 * @returns a new tensor the caller owns (and must dispose)
 * @throws TensorConversionError for another serializer or values that do not fit
 */
export function tensorFromTorch(torch: TorchTensor, label = 'TorchTensor'): tf.Tensor {
  const data = portableData(torch, label);
  const shape = [...data.shape];
  if (data.isQuantized) return tf.tensor(dequantize(data), shape, 'float32');
  switch (data.dtype) {
    case 'float16':
    case 'float32':
    case 'bfloat16':
    case 'float64':
      return tf.tensor(
        new Float32Array(data.values as Float32Array | Float64Array),
        shape,
        'float32',
      );
    case 'bool':
      return tf.tensor(new Uint8Array(data.values as Uint8Array), shape, 'bool');
    default:
      return tf.tensor(int32Values(data.values, data.dtype, label), shape, 'int32');
  }
}

/**
 * Makes a portable wire tensor (serializer ALL) from a TensorFlow.js tensor of dtype
 * `float32`, `int32` or `bool`. The values are copied out with `dataSync`.
 *
 * @example
 * ```ts
 * const bytes = encodeTorchTensor(torchFromTensor(tf.tensor([1, 2, 3])));
 * ```
 * @param tensor - the tensor; it is not disposed
 * @param id - the wire id; defaults to the tfjs tensor id, as syft.js does
 * @throws TensorConversionError for a disposed tensor or another dtype
 */
export function torchFromTensor(tensor: tf.Tensor, id?: SyftId): TorchTensor {
  if (tensor.isDisposed) throw new TensorConversionError('tf.Tensor: the tensor is disposed');
  const dtype = tensor.dtype;
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'bool') {
    throw new TensorConversionError(
      `tf.Tensor: dtype must be float32, int32 or bool, got ${dtype}`,
    );
  }

  // dataSync may hand out the backend's own storage; copy so the message owns its values.
  const values = tensor.dataSync<typeof dtype>().slice();
  const data: TensorData = {
    shape: [...tensor.shape],
    dtype,
    values,
    isQuantized: false,
    scale: 0,
    zeroPoint: 0,
  };
  return portableTensor(data, id ?? BigInt(tensor.id));
}

function dequantize(data: TensorData): Float32Array {
  const values = data.values;
  const out = new Float32Array(values.length);
  if (values instanceof BigInt64Array) {
    for (let i = 0; i < values.length; i++)
      out[i] = (Number(values[i]) - data.zeroPoint) * data.scale;
    return out;
  }
  for (let i = 0; i < values.length; i++)
    out[i] = ((values[i] as number) - data.zeroPoint) * data.scale;
  return out;
}

/**
 * Integer values as an Int32Array; int64 values outside the int32 range are refused (tfjs has
 * no int64; see docs/limitations.md, "Wire format").
 */
function int32Values(values: TensorValues, dtype: TorchDtype, label: string): Int32Array {
  if (!(values instanceof BigInt64Array)) return new Int32Array(values as Int32Array | Uint32Array);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as bigint;
    if (value < -2147483648n || value > 2147483647n) {
      throw new TensorConversionError(
        `${label}: ${dtype} value ${value} at index ${i} does not fit tfjs int32`,
      );
    }
    out[i] = Number(value);
  }
  return out;
}
