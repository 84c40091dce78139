/**
 * TensorFlow.js-free conversions between a wire `State` and float typed arrays, for code that
 * aggregates parameters without tfjs (the grid).
 */
import type { State } from '../wire/messages.js';
import { elementCount } from '../wire/element-count.js';
import { entryTensor, portableData, portableTensor, syftJsState } from './state-layout.js';
import { TensorConversionError } from './tensor-conversion-error.js';

/** One parameter as a shape and row-major float32 values. */
export interface ParameterArray {
  shape: number[];
  values: Float32Array;
}

/**
 * The tensors of a State as float32 arrays, in order (Parameters are unwrapped). float32,
 * float16 and bfloat16 values are returned as decoded (shared with `state`, not copied);
 * float64 values are narrowed into a new Float32Array.
 *
 * @example
 * ```ts
 * const [weights] = arraysFromState(decodeState(diffBytes));
 * ```
 * @param state - a decoded State
 * @throws TensorConversionError for a non-portable tensor or a non-float dtype
 */
export function arraysFromState(state: State): ParameterArray[] {
  return state.tensors.map((entry, i) => {
    const label = `State.tensors[${i}]`;
    const data = portableData(entryTensor(entry, i), label);
    if (data.values instanceof Float32Array) return { shape: [...data.shape], values: data.values };
    if (data.values instanceof Float64Array) {
      return { shape: [...data.shape], values: new Float32Array(data.values) };
    }
    throw new TensorConversionError(`${label}: expected a float dtype, got ${data.dtype}`);
  });
}

/**
 * A State in syft.js's layout (wire-format.md §4.6) holding float32 `arrays` in order. The
 * values are referenced, not copied; tensor *i* gets id *i*.
 *
 * @example
 * ```ts
 * const checkpoint = encodeState(stateFromArrays([{ shape: [2], values: new Float32Array([1, 2]) }]));
 * ```
 * @param arrays - shapes and float32 values
 * @throws TensorConversionError when values are not a Float32Array or do not fit the shape
 */
export function stateFromArrays(arrays: readonly ParameterArray[]): State {
  const tensors = arrays.map(({ shape, values }, i) => {
    const label = `arrays[${i}]`;
    if (!(values instanceof Float32Array)) {
      throw new TensorConversionError(`${label}: values must be a Float32Array`);
    }
    const expected = elementCount(shape);
    if (expected === undefined)
      throw new TensorConversionError(`${label}: invalid shape [${String(shape)}]`);
    if (values.length !== expected) {
      throw new TensorConversionError(
        `${label}: ${values.length} values, shape [${shape.join(', ')}] needs ${expected}`,
      );
    }
    const data = {
      shape: [...shape],
      dtype: 'float32' as const,
      values,
      isQuantized: false,
      scale: 0,
      zeroPoint: 0,
    };
    return portableTensor(data, BigInt(i));
  });
  return syftJsState(tensors);
}
