/** Loads the PySyft test vectors from /work/shared/vectors (tests only). */
import { readFileSync } from 'node:fs';

import { base64ToBytes } from './base64.js';

const VECTORS_PATH = new URL('../../../../../shared/vectors/pysyft-plans.json', import.meta.url);

/** Vector names by the message type they hold. */
export const PLAN_VECTORS = [
  'PLAN_WITH_STATE',
  'BANDIT_SIMPLE_PLAN',
  'BANDIT_THOMPSON_PLAN',
] as const;
export const STATE_VECTORS = [
  'BANDIT_SIMPLE_MODEL_PARAMS',
  'BANDIT_THOMPSON_MODEL_PARAMS',
] as const;
export const PROTOCOL_VECTOR = 'PROTOCOL';

let cache: Record<string, string> | undefined;

/** The bytes of the named vector. */
export function vectorBytes(name: string): Uint8Array {
  cache ??= JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Record<string, string>;
  const text = cache[name];
  if (text === undefined) throw new Error(`no vector named ${name}`);
  return base64ToBytes(text);
}

/** Lowercase hex of `bytes`, for readable byte comparisons. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when two typed arrays hold the same bytes (fast for large arrays). */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}
