import { arraysFromState, decodeState, type State, type TensorData } from '@syft-ts/core';
import { badRequest } from '../errors.js';
import type { TensorSignature } from '../store/records.js';

/** The `TensorData` of each tensor of a `State`, in order; `undefined` where not portable. */
function tensorData(state: State): (TensorData | undefined)[] {
  return state.tensors.map((t) => (t.kind === 'tensor' ? t.tensor.data : t.parameter.tensor?.data));
}

/**
 * Decodes a hosted model and returns the shape and dtype of each parameter.
 *
 * @param model - the serialized `State` from `host-training`
 * @throws GridError 400 when the bytes are not a `State` of float32 tensors in the portable format
 */
export function modelSignature(model: Uint8Array): TensorSignature[] {
  let state: State;
  try {
    state = decodeState(model);
  } catch (error) {
    throw badRequest(`model is not a valid State: ${(error as Error).message}`);
  }
  if (state.tensors.length === 0) throw badRequest('model has no tensors');
  return tensorData(state).map((data, i) => {
    if (!data) {
      throw badRequest(`model tensor ${i} is not in the portable format (serializer "all")`);
    }
    // Checkpoints are written as float32 (docs/limitations.md, "Grid").
    if (data.dtype !== 'float32') {
      throw badRequest(`model tensor ${i}: expected dtype float32, got ${data.dtype}`);
    }
    return { shape: [...data.shape], dtype: data.dtype };
  });
}

const sameShape = (a: number[], b: number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/**
 * Checks a reported diff against the model (D5) and returns its values.
 *
 * @param diff - the serialized `State` of the report
 * @param signature - the model's parameter shapes and dtypes
 * @returns one Float32Array per parameter, in order
 * @throws GridError 400 naming the tensor index and the mismatch
 */
export function validatedDiff(diff: Uint8Array, signature: TensorSignature[]): Float32Array[] {
  let state: State;
  try {
    state = decodeState(diff);
  } catch (error) {
    throw badRequest(`diff is not a valid State: ${(error as Error).message}`);
  }
  const data = tensorData(state);
  if (data.length !== signature.length) {
    throw badRequest(`diff has ${data.length} tensors, expected ${signature.length}`);
  }
  data.forEach((d, i) => {
    const expected = signature[i] as TensorSignature;
    if (!d) throw badRequest(`diff tensor ${i} is not in the portable format (serializer "all")`);
    if (!sameShape(d.shape, expected.shape)) {
      throw badRequest(
        `diff tensor ${i}: expected shape [${expected.shape.join(',')}], got [${d.shape.join(',')}]`,
      );
    }
    if (d.dtype !== expected.dtype) {
      throw badRequest(`diff tensor ${i}: expected dtype ${expected.dtype}, got ${d.dtype}`);
    }
  });
  const arrays = arraysFromState(state).map((a) => a.values);
  arrays.forEach((values, i) => {
    const size = (signature[i] as TensorSignature).shape.reduce((p, d) => p * d, 1);
    if (values.length !== size) {
      throw badRequest(`diff tensor ${i}: expected ${size} values, got ${values.length}`);
    }
    const bad = firstNonFinite(values);
    if (bad >= 0) throw badRequest(`diff tensor ${i}: value at ${bad} is not finite`);
  });
  return arrays;
}

/**
 * The index of the first NaN or infinite value, or -1. One multiply-add per value (`v * 0` is
 * 0 for finite `v` and NaN otherwise); the index is searched only when something is wrong.
 */
function firstNonFinite(values: Float32Array): number {
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += (values[i] as number) * 0;
  if (probe === 0) return -1;
  return values.findIndex((v) => !Number.isFinite(v));
}

/** Number of values of a model with this signature. */
export function parameterCount(signature: TensorSignature[]): number {
  return signature.reduce((n, s) => n + s.shape.reduce((p, d) => p * d, 1), 0);
}
