import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { bytesToHex, hexToBytes } from './hex.js';
import { PayloadEncodingError } from './payload-encoding-error.js';

describe('bytesToHex / hexToBytes', () => {
  test('encodes lowercase, two digits per byte', () => {
    const bytes = new Uint8Array([0, 1, 0x7f, 0x80, 0xab, 0xff]);

    const text = bytesToHex(bytes);

    expect(text).toBe('00017f80abff');
  });

  test('decodes both cases', () => {
    const text = 'DEADbeef';

    const bytes = hexToBytes(text);

    expect(bytes).toEqual(new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
  });

  test('agrees with Node’s Buffer on random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('hex');

        expect(bytesToHex(bytes)).toBe(expected);
        expect(hexToBytes(expected)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  test('handles a multi-megabyte payload', () => {
    const bytes = new Uint8Array(3_000_000).map((_, i) => (i * 17) & 255);

    const text = bytesToHex(bytes);

    expect(text).toBe(Buffer.from(bytes).toString('hex'));
    expect(Buffer.from(hexToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('hexToBytes is strict', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an odd length', 'abc', /odd length 3/],
    ['a 0x prefix', '0x00', /invalid character "x" at index 1/],
    ['a non-hex letter', '0g', /invalid character "g" at index 1/],
    ['whitespace', 'ab cd', /odd length|invalid character " "/],
    ['a non-ASCII digit', 'a٣', /invalid character "٣" at index 1/],
  ];

  test.each(cases)('%s is refused with PayloadEncodingError', (_, text, message) => {
    const decode = () => hexToBytes(text);

    expect(decode).toThrow(PayloadEncodingError);
    expect(decode).toThrow(message);
  });
});
