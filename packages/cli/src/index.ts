/**
 * @syft-ts/cli: the `syft` command line.
 * @packageDocumentation
 */
export {};
