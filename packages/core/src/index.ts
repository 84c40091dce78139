/**
 * @syft-ts/core: the syft-proto wire format, the plan interpreter and backend selection.
 * @packageDocumentation
 */
export * from './errors.js';
export * from './wire/index.js';
export * from './tensor/index.js';
export * from './plan/index.js';
export * from './backend/index.js';
