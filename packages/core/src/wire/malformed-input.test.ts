import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { planArbitrary } from './message-arbitraries.test-helper.js';
import { decodePlan, encodePlan } from './plan-codec.js';
import { decodeProtocol, encodeProtocol } from './protocol-codec.js';
import { decodeState, encodeState } from './state-codec.js';
import { decodeTorchTensor, encodeTorchTensor } from './torch-codec.js';
import {
  PLAN_VECTORS,
  PROTOCOL_VECTOR,
  STATE_VECTORS,
  hex,
  sameBytes,
  vectorBytes,
} from './vectors.test-helper.js';
import { WireFormatError } from './wire-format-error.js';

interface Codec {
  decode: (bytes: Uint8Array) => unknown;
  encode: (message: never) => Uint8Array;
}

const CODECS: Record<string, Codec> = {
  Plan: { decode: decodePlan, encode: encodePlan },
  State: { decode: decodeState, encode: encodeState },
  Protocol: { decode: decodeProtocol, encode: encodeProtocol },
  TorchTensor: { decode: decodeTorchTensor, encode: encodeTorchTensor },
};

const VECTORS: Array<[string, Codec]> = [
  ...PLAN_VECTORS.map((name): [string, Codec] => [name, CODECS.Plan!]),
  ...STATE_VECTORS.map((name): [string, Codec] => [name, CODECS.State!]),
  [PROTOCOL_VECTOR, CODECS.Protocol!],
];

/**
 * Decodes `bytes`; the only error allowed is WireFormatError. A message that decodes must
 * encode, and its encoding must survive another decode/encode unchanged.
 */
function decodeSafely(codec: Codec, bytes: Uint8Array): void {
  let message: unknown;
  try {
    message = codec.decode(bytes);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    expect(error.code).toBe('WIRE_FORMAT');
    expect(error.message).toMatch(/^syft_proto\.[a-z.0-9]+\.[A-Za-z]+: /);
    return;
  }
  const encoded = codec.encode(message as never);
  const reencoded = codec.encode(codec.decode(encoded) as never);
  if (!sameBytes(encoded, reencoded)) expect(hex(reencoded)).toBe(hex(encoded));
}

describe('malformed input only ever raises WireFormatError', () => {
  test.each(VECTORS)('%s truncated at every length', (name, codec) => {
    const bytes = vectorBytes(name);

    for (let length = 0; length < bytes.length; length++) {
      decodeSafely(codec, bytes.subarray(0, length));
    }
  });

  test.each(Object.entries(CODECS))('random bytes as a %s', (_, codec) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => decodeSafely(codec, bytes)),
      { numRuns: 3000 },
    );
  });

  test.each(VECTORS)('%s with random bit flips', (name, codec) => {
    const original = vectorBytes(name);

    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: original.length * 8 - 1 }), { minLength: 1, maxLength: 4 }),
        (bits) => {
          const bytes = original.slice();
          for (const bit of bits) bytes[bit >>> 3]! ^= 1 << (bit & 7);
          decodeSafely(codec, bytes);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test.each(VECTORS)('%s with random byte overwrites', (name, codec) => {
    const original = vectorBytes(name);

    fc.assert(
      fc.property(
        fc.nat({ max: original.length - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        (offset, patch) => {
          const bytes = original.slice();
          bytes.set(patch.subarray(0, bytes.length - offset), offset);
          decodeSafely(codec, bytes);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('generated plans using every field, truncated and bit-flipped', () => {
    fc.assert(
      fc.property(
        planArbitrary,
        fc.nat(),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        (plan, cut, bits) => {
          const bytes = encodePlan(plan);
          if (bytes.length === 0) return;

          const truncated = bytes.subarray(0, cut % bytes.length);
          const flipped = bytes.slice();
          for (const bit of bits) flipped[(bit >>> 3) % bytes.length]! ^= 1 << (bit & 7);

          decodeSafely(CODECS.Plan!, truncated);
          decodeSafely(CODECS.Plan!, flipped);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('a forged huge shape with few values is refused before any allocation', () => {
    // TensorData{shape:[1e9, 1e9], dtype:"float32", contents_float32:[1]} in a TorchTensor.
    const data = [
      0x0a, 0x0c, 0x0a, 0x0a, 0x80, 0x94, 0xeb, 0xdc, 0x03, 0x80, 0x94, 0xeb, 0xdc, 0x03,
    ];
    const dtype = [0x12, 0x07, ...new TextEncoder().encode('float32')];
    const contents = [0xb2, 0x01, 0x04, 0x00, 0x00, 0x80, 0x3f];
    const tensorData = [...data, ...dtype, ...contents];
    const bytes = new Uint8Array([0x12, tensorData.length, ...tensorData]);

    const decode = () => decodeTorchTensor(bytes);

    expect(decode).toThrow(WireFormatError);
    expect(decode).toThrow(
      /holds 1 values, shape \[1000000000, 1000000000\] needs 1000000000000000000/,
    );
  });
});
