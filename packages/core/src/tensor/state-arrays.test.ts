import { describe, expect, test } from 'vitest';

import { type State, TensorSerializer } from '../wire/messages.js';
import { decodeState, encodeState } from '../wire/state-codec.js';
import { vectorBytes } from '../wire/vectors.test-helper.js';
import { arraysFromState, stateFromArrays } from './state-arrays.js';
import { TensorConversionError } from './tensor-conversion-error.js';

describe('arraysFromState', () => {
  test('BANDIT_SIMPLE_MODEL_PARAMS gives one float32 [3] array 1, 2, 3', () => {
    const state = decodeState(vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS'));

    const arrays = arraysFromState(state);

    expect(arrays).toEqual([{ shape: [3], values: new Float32Array([1, 2, 3]) }]);
  });

  test('float64 values are narrowed to a Float32Array', () => {
    const state = stateFromArrays([{ shape: [2], values: new Float32Array(2) }]);
    const entry = state.tensors[0]!;
    if (entry.kind === 'tensor')
      entry.tensor.data = {
        ...entry.tensor.data!,
        dtype: 'float64',
        values: new Float64Array([0.5, 1e-3]),
      };

    const [array] = arraysFromState(decodeState(encodeState(state)));

    expect(array?.values).toEqual(new Float32Array([0.5, 1e-3]));
  });

  test('an integer dtype is refused with TensorConversionError', () => {
    const state: State = {
      placeholders: [],
      tensors: [
        {
          kind: 'tensor',
          tensor: {
            data: {
              shape: [1],
              dtype: 'int32',
              values: new Int32Array(1),
              isQuantized: false,
              scale: 0,
              zeroPoint: 0,
            },
            tags: [],
            description: '',
            serializer: TensorSerializer.ALL,
          },
        },
      ],
    };

    expect(() => arraysFromState(state)).toThrow(TensorConversionError);
    expect(() => arraysFromState(state)).toThrow(
      /State\.tensors\[0\]: expected a float dtype, got int32/,
    );
  });
});

describe('stateFromArrays', () => {
  test('builds the syft.js layout and round-trips through bytes', () => {
    const arrays = [
      { shape: [2, 2], values: new Float32Array([1, 2, 3, 4]) },
      { shape: [], values: new Float32Array([0.5]) },
    ];

    const state = stateFromArrays(arrays);
    const again = arraysFromState(decodeState(encodeState(state)));

    expect(state.placeholders.map((p) => [p.id, p.tags, p.expectedShape])).toEqual([
      [0n, ['#0', '#state-0'], []],
      [1n, ['#1', '#state-1'], []],
    ]);
    expect(again).toEqual(arrays);
  });

  test.each([
    [
      'values not fitting the shape',
      { shape: [3], values: new Float32Array(2) },
      /arrays\[0\]: 2 values, shape \[3\] needs 3/,
    ],
    [
      'a negative dim',
      { shape: [-1], values: new Float32Array(1) },
      /arrays\[0\]: invalid shape \[-1\]/,
    ],
    [
      'a non-Float32Array',
      { shape: [1], values: [1] as unknown as Float32Array },
      /arrays\[0\]: values must be a Float32Array/,
    ],
  ])('%s is refused', (_, array, message) => {
    expect(() => stateFromArrays([array])).toThrow(TensorConversionError);
    expect(() => stateFromArrays([array])).toThrow(message);
  });
});
