import { TensorSerializer, type State, type TensorValues } from '@syft-ts/core';

/** One parameter as plain numbers. */
export interface ParameterArray {
  shape: number[];
  values: Float32Array;
}

const asFloat32 = (values: TensorValues): Float32Array =>
  values instanceof Float32Array
    ? values
    : values instanceof BigInt64Array
      ? Float32Array.from(values, (v) => Number(v))
      : Float32Array.from(values);

/**
 * The tensors of a `State` as float32 arrays, in order.
 *
 * @param state - a decoded `State` whose tensors are in the portable ("all") format
 * @throws Error when a tensor carries no portable data
 */
export function parameterArrays(state: State): ParameterArray[] {
  return state.tensors.map((t, i) => {
    const data = t.kind === 'tensor' ? t.tensor.data : t.parameter.tensor?.data;
    if (!data) throw new Error(`tensor ${i} is not in the portable format`);
    return { shape: [...data.shape], values: asFloat32(data.values) };
  });
}

/**
 * A `State` of float32 tensors in the portable format, laid out as syft.js writes one:
 * placeholder i has id i and tags `#i`, `#state-i`.
 *
 * @param params - the parameters, in order
 */
export function stateOfArrays(params: ParameterArray[]): State {
  return {
    placeholders: params.map((p, i) => ({
      id: BigInt(i),
      tags: [`#${i}`, `#state-${i}`],
      description: '',
      expectedShape: [...p.shape],
    })),
    tensors: params.map((p, i) => ({
      kind: 'tensor',
      tensor: {
        id: BigInt(1_000_000 + i),
        data: {
          shape: [...p.shape],
          dtype: 'float32',
          values: p.values,
          isQuantized: false,
          scale: 0,
          zeroPoint: 0,
        },
        tags: [],
        description: '',
        serializer: TensorSerializer.ALL,
      },
    })),
  };
}
