/** A tensor as it crosses the process boundary: shape, dtype and row-major values. */
export interface SyftJsTensor {
  shape: number[];
  dtype: string;
  values: number[];
}

/** One plan input: a plain number (as syft.js passes a batch size) or a tensor. */
export type SyftJsInput =
  | number
  | { shape: readonly number[]; values: ArrayLike<number>; dtype?: 'float32' | 'int32' | 'bool' };

/**
 * Runs a serialized Plan with the published syft.js 0.1.4 executor in a child Node process
 * (with `long` made unresolvable) and returns its outputs.
 * @throws when syft.js refuses or fails the plan, with its message
 */
export function runSyftJsPlan(
  planBytes: Uint8Array,
  inputs: readonly SyftJsInput[],
  options?: { backend?: 'cpu' | 'wasm'; timeoutMs?: number },
): Promise<SyftJsTensor[]>;
