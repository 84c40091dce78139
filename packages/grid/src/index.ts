/**
 * @syft-ts/grid
 * @packageDocumentation
 */
export {};
