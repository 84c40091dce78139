import { arraysFromState, decodeState, encodeState, stateFromArrays } from '@syft-ts/core';

/**
 * The next checkpoint: `previous − average diff`, parameter by parameter (section 3.6).
 *
 * @param previous - the serialized `State` of the current checkpoint
 * @param averageDiff - the averaged diff, all parameters concatenated
 * @returns the serialized `State` of the new checkpoint (float32, portable format)
 */
export function subtractAverage(previous: Uint8Array, averageDiff: Float64Array): Uint8Array {
  const params = arraysFromState(decodeState(previous));
  let offset = 0;
  const next = params.map(({ shape, values }) => {
    const out = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) {
      out[i] = (values[i] as number) - (averageDiff[offset + i] as number);
    }
    offset += values.length;
    return { shape, values: out };
  });
  return encodeState(stateFromArrays(next));
}
