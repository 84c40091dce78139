/**
 * @syft-ts/author
 * @packageDocumentation
 */
export {};
