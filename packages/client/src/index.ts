/**
 * @syft-ts/client
 * @packageDocumentation
 */
export {};
