import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';

import { type State, TensorSerializer } from '../wire/messages.js';
import { decodeState, encodeState } from '../wire/state-codec.js';
import { hex, vectorBytes } from '../wire/vectors.test-helper.js';
import { stateFromTensors, tensorsFromState } from './state-tensors.js';
import { TensorConversionError } from './tensor-conversion-error.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('tensorsFromState', () => {
  test('BANDIT_THOMPSON_MODEL_PARAMS gives two float32 [3] tensors of ones', () => {
    const state = decodeState(vectorBytes('BANDIT_THOMPSON_MODEL_PARAMS'));

    const tensors = tensorsFromState(state);

    expect(tensors.map((t) => [t.dtype, t.shape, Array.from(t.dataSync())])).toEqual([
      ['float32', [3], [1, 1, 1]],
      ['float32', [3], [1, 1, 1]],
    ]);
    tf.dispose(tensors);
  });

  test('a Parameter entry is unwrapped', () => {
    const state = decodeState(vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS'));
    const entry = state.tensors[0]!;
    if (entry.kind !== 'tensor') throw new Error('expected a tensor entry');
    state.tensors[0] = {
      kind: 'parameter',
      parameter: { tensor: entry.tensor, requiresGrad: true },
    };

    const [tensor] = tensorsFromState(state);

    expect(Array.from(tensor!.dataSync())).toEqual([1, 2, 3]);
    tensor!.dispose();
  });

  test('a failing entry leaves no tensor allocated and names its index', () => {
    const state = decodeState(vectorBytes('BANDIT_THOMPSON_MODEL_PARAMS'));
    const second = state.tensors[1]!;
    if (second.kind === 'tensor') second.tensor.serializer = TensorSerializer.NUMPY;
    const before = tf.memory().numTensors;

    const convert = () => tensorsFromState(state);

    expect(convert).toThrow(TensorConversionError);
    expect(convert).toThrow(/^State\.tensors\[1\]: serializer must be ALL \(4\), got NUMPY$/);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a Parameter without a tensor is refused', () => {
    const state: State = {
      placeholders: [],
      tensors: [{ kind: 'parameter', parameter: { requiresGrad: false } }],
    };

    expect(() => tensorsFromState(state)).toThrow(/State\.tensors\[0\]: Parameter has no tensor/);
  });
});

describe('stateFromTensors', () => {
  test('writes the syft.js layout: placeholder i with tags #i, #state-i and an empty shape', () => {
    const tensors = [tf.tensor1d([1, 2, 3]), tf.tensor2d([[4]])];

    const state = stateFromTensors(tensors);

    expect(state.placeholders).toEqual([
      { id: 0n, tags: ['#0', '#state-0'], description: '', expectedShape: [] },
      { id: 1n, tags: ['#1', '#state-1'], description: '', expectedShape: [] },
    ]);
    const first = state.tensors[0]!;
    expect(first.kind === 'tensor' && first.tensor.serializer).toBe(TensorSerializer.ALL);
    expect(first.kind === 'tensor' && first.tensor.data?.dtype).toBe('float32');
    // Placeholder 0 on the wire: id {id_int: 0}, two tags, then `32 00` (an empty Shape).
    expect(hex(encodeState(state))).toMatch(/^0a141a0208002202233022082373746174652d303200/);
    tf.dispose(tensors);
  });

  test('tensors → State → bytes → tensors round-trips values and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const tensors = [tf.randomUniform([4, 3]), tf.zeros([3])];

    const restored = tensorsFromState(decodeState(encodeState(stateFromTensors(tensors))));

    expect(restored.map((t) => t.shape)).toEqual([[4, 3], [3]]);
    expect(restored[0]!.dataSync()).toEqual(tensors[0]!.dataSync());
    tf.dispose([...tensors, ...restored]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
