/**
 * The browser build of the worker library: everything of `@syft-ts/client`, plus the pieces a
 * page needs next to it, bundled once so that the page and the library share one TensorFlow.js.
 *
 * @example
 * ```ts
 * import { Syft, selectBackend, setWasmPaths } from '/web/syft.js';
 * setWasmPaths('/web/');
 * await selectBackend('auto'); // webgl, then wasm, then cpu
 * const job = new Syft({ url: 'ws://127.0.0.1:5000' }).newJob({ modelName: 'mnist', modelVersion: '1.0.0' });
 * ```
 * @packageDocumentation
 */
export * from '@syft-ts/client';
export { selectBackend, BACKEND_NAMES, type BackendName } from '@syft-ts/core';
export { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
export * as tf from '@tensorflow/tfjs';
