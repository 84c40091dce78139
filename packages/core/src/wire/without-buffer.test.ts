/**
 * The wire code must run in browsers, where there is no `Buffer`: load it with `Buffer` hidden
 * and check the portable paths give the same results as Node's.
 */
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';

import type * as Wire from './index.js';

const NodeBuffer = Buffer;
let wire: typeof Wire;

beforeAll(async () => {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  wire = await import('./index.js');
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('without Buffer', () => {
  test('large base64 and hex payloads use the portable code and agree with Node', () => {
    const bytes = new Uint8Array(1_000_003).map((_, i) => (i * 131) & 255);

    const base64 = wire.bytesToBase64(bytes);
    const hex = wire.bytesToHex(bytes);

    expect(typeof globalThis.Buffer).toBe('undefined');
    expect(base64).toBe(NodeBuffer.from(bytes).toString('base64'));
    expect(hex).toBe(NodeBuffer.from(bytes).toString('hex'));
    expect(wire.base64ToBytes(base64)).toEqual(bytes);
    expect(wire.hexToBytes(hex)).toEqual(bytes);
  });

  test('a State encodes and decodes to plain Uint8Arrays', () => {
    const values = new Float32Array([1, 2, 3]);
    const state: Wire.State = {
      placeholders: [],
      tensors: [
        {
          kind: 'tensor',
          tensor: {
            id: 1n,
            data: {
              shape: [3],
              dtype: 'float32',
              values,
              isQuantized: false,
              scale: 0,
              zeroPoint: 0,
            },
            tags: [],
            description: '',
            serializer: wire.TensorSerializer.ALL,
          },
        },
      ],
    };

    const bytes = wire.encodeState(state);

    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
    expect(wire.decodeState(bytes)).toEqual(state);
  });
});
