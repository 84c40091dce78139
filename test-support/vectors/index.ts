/**
 * The PySyft test vectors (base64 protobufs) kept in this repository, so tests run in any
 * clone. `pysyft-plans.json` is a byte-identical copy of the shared vector file.
 */
import { readFileSync } from 'node:fs';

const VECTORS_PATH = new URL('./pysyft-plans.json', import.meta.url);

let cache: Record<string, string> | undefined;

/** All vectors, by name, as base64 text. */
export function pysyftVectors(): Record<string, string> {
  cache ??= JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Record<string, string>;
  return cache;
}

/** The decoded bytes of the named vector; throws when there is no vector of that name. */
export function vectorBytes(name: string): Uint8Array {
  const text = pysyftVectors()[name];
  if (text === undefined) throw new Error(`no vector named ${name}`);
  return new Uint8Array(Buffer.from(text, 'base64'));
}
