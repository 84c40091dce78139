import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';

import { type TensorData, TensorSerializer, type TorchTensor } from '../wire/messages.js';
import { decodeTorchTensor, encodeTorchTensor } from '../wire/torch-codec.js';
import { TensorConversionError } from './tensor-conversion-error.js';
import { tensorFromTorch, torchFromTensor } from './tfjs-tensor.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function torch(data: Partial<TensorData> & Pick<TensorData, 'dtype' | 'values'>): TorchTensor {
  return {
    id: 1n,
    data: { shape: [data.values.length], isQuantized: false, scale: 0, zeroPoint: 0, ...data },
    tags: [],
    description: '',
    serializer: TensorSerializer.ALL,
  };
}

describe('tensorFromTorch', () => {
  test('float dtypes become float32 tensors', () => {
    for (const dtype of ['float16', 'float32', 'bfloat16'] as const) {
      const tensor = tensorFromTorch(torch({ dtype, values: new Float32Array([1.5, -2]) }));

      expect(tensor.dtype).toBe('float32');
      expect(Array.from(tensor.dataSync())).toEqual([1.5, -2]);
      tensor.dispose();
    }
    const wide = tensorFromTorch(torch({ dtype: 'float64', values: new Float64Array([0.1, 2]) }));
    expect(wide.dtype).toBe('float32');
    expect(wide.dataSync()).toEqual(new Float32Array([0.1, 2]));
    wide.dispose();
  });

  test('integer dtypes become int32, bool stays bool, shape is kept', () => {
    const ints = tensorFromTorch(
      torch({ dtype: 'uint8', values: new Uint32Array([0, 255, 7, 8]), shape: [2, 2] }),
    );
    const longs = tensorFromTorch(
      torch({ dtype: 'int64', values: new BigInt64Array([-3n, 2147483647n]) }),
    );
    const flags = tensorFromTorch(torch({ dtype: 'bool', values: new Uint8Array([1, 0]) }));

    expect([ints.dtype, ints.shape, Array.from(ints.dataSync())]).toEqual([
      'int32',
      [2, 2],
      [0, 255, 7, 8],
    ]);
    expect([longs.dtype, Array.from(longs.dataSync())]).toEqual(['int32', [-3, 2147483647]]);
    expect([flags.dtype, Array.from(flags.dataSync())]).toEqual(['bool', [1, 0]]);
    tf.dispose([ints, longs, flags]);
  });

  test('a scalar keeps shape []', () => {
    const scalar = tensorFromTorch(
      torch({ dtype: 'float32', values: new Float32Array([3]), shape: [] }),
    );

    expect(scalar.shape).toEqual([]);
    expect(scalar.dataSync()[0]).toBe(3);
    scalar.dispose();
  });

  test('a quantized tensor is dequantized to float32', () => {
    const data = {
      dtype: 'qint8' as const,
      values: new Int32Array([-2, 0, 4]),
      isQuantized: true,
      scale: 0.5,
      zeroPoint: 2,
    };

    const tensor = tensorFromTorch(torch(data));

    expect(tensor.dtype).toBe('float32');
    expect(Array.from(tensor.dataSync())).toEqual([-2, -1, 1]);
    tensor.dispose();
  });

  test('the tensor does not share memory with the message', () => {
    const message = torch({ dtype: 'float32', values: new Float32Array([1, 2]) });

    const tensor = tensorFromTorch(message);
    message.data!.values[0] = 99;

    expect(Array.from(tensor.dataSync())).toEqual([1, 2]);
    tensor.dispose();
  });

  test.each([
    [
      'serializer TORCH',
      {
        ...torch({ dtype: 'float32', values: new Float32Array(1) }),
        serializer: TensorSerializer.TORCH,
      },
      /serializer must be ALL \(4\), got TORCH/,
    ],
    [
      'no contents_data',
      { tags: [], description: '', serializer: TensorSerializer.ALL, bin: new Uint8Array(1) },
      /serializer ALL but no contents_data/,
    ],
    [
      'values not fitting the shape',
      torch({ dtype: 'float32', values: new Float32Array(3), shape: [2] }),
      /3 values do not fit shape \[2\]/,
    ],
    [
      'an int64 beyond int32',
      torch({ dtype: 'int64', values: new BigInt64Array([2n ** 31n]) }),
      /int64 value 2147483648 at index 0 does not fit tfjs int32/,
    ],
  ] as Array<[string, TorchTensor, RegExp]>)(
    '%s is refused with TensorConversionError',
    (_, message, error) => {
      const before = tf.memory().numTensors;

      const convert = () => tensorFromTorch(message, 'the tensor');

      expect(convert).toThrow(TensorConversionError);
      expect(convert).toThrow(error);
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});

describe('torchFromTensor', () => {
  test('float32, int32 and bool tensors become portable wire tensors', () => {
    const tensors = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor1d([5, -6], 'int32'),
      tf.tensor1d([true, false], 'bool'),
    ];

    const messages = tensors.map((tensor) => torchFromTensor(tensor, 42n));

    expect(messages.map((m) => [m.id, m.serializer, m.data?.dtype, m.data?.shape])).toEqual([
      [42n, TensorSerializer.ALL, 'float32', [2, 2]],
      [42n, TensorSerializer.ALL, 'int32', [2]],
      [42n, TensorSerializer.ALL, 'bool', [2]],
    ]);
    expect(messages.map((m) => m.data?.values)).toEqual([
      new Float32Array([1, 2, 3, 4]),
      new Int32Array([5, -6]),
      new Uint8Array([1, 0]),
    ]);
    tf.dispose(tensors);
  });

  test('the id defaults to the tfjs tensor id', () => {
    const tensor = tf.scalar(1);

    const message = torchFromTensor(tensor);

    expect(message.id).toBe(BigInt(tensor.id));
    tensor.dispose();
  });

  test('unsupported dtypes and disposed tensors are refused', () => {
    const complex = tf.complex([1], [2]);
    const disposed = tf.scalar(1);
    disposed.dispose();

    expect(() => torchFromTensor(complex)).toThrow(
      /dtype must be float32, int32 or bool, got complex64/,
    );
    expect(() => torchFromTensor(disposed)).toThrow(/disposed/);
    complex.dispose();
  });

  test('tf.Tensor → TorchTensor → bytes → tf.Tensor keeps dtype, shape and values, leaking nothing', () => {
    const before = tf.memory().numTensors;
    const originals = [
      tf.randomNormal([3, 4, 5]),
      tf.tensor3d([[[1], [2]]], [1, 2, 1], 'int32'),
      tf.tensor([true, false, true], [3], 'bool'),
      tf.scalar(7.25),
    ];

    const restored = originals.map((tensor) =>
      tensorFromTorch(decodeTorchTensor(encodeTorchTensor(torchFromTensor(tensor)))),
    );

    restored.forEach((tensor, i) => {
      const original = originals[i]!;
      expect([tensor.dtype, tensor.shape]).toEqual([original.dtype, original.shape]);
      expect(tensor.dataSync()).toEqual(original.dataSync());
    });
    tf.dispose([...originals, ...restored]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
