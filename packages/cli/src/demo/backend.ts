import { selectBackend } from '@syft-ts/core';

/**
 * Selects the tfjs backend for training and evaluation with @syft-ts/core's `selectBackend`:
 * wasm in Node (several times faster than plain JavaScript for the 2NN), else cpu;
 * `SYFT_BACKEND` overrides.
 *
 * @returns the name of the backend in use
 */
export function useFastBackend(): Promise<string> {
  return selectBackend();
}
