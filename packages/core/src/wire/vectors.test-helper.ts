/** The PySyft test vectors of test-support/vectors, grouped by message type (tests only). */
import { vectorBytes } from '../../../../test-support/vectors/index.js';

export { vectorBytes };

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
