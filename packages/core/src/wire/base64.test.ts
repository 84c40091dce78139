import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { base64ToBytes, bytesToBase64 } from './base64.js';
import { PayloadEncodingError } from './payload-encoding-error.js';

describe('bytesToBase64 / base64ToBytes', () => {
  test('the RFC 4648 test vectors', () => {
    const cases: Array<[string, string]> = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];

    for (const [plain, encoded] of cases) {
      const bytes = new TextEncoder().encode(plain);

      expect(bytesToBase64(bytes)).toBe(encoded);
      expect(base64ToBytes(encoded)).toEqual(bytes);
    }
  });

  test('agrees with Node’s Buffer on random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), (bytes) => {
        const expected = Buffer.from(bytes).toString('base64');

        expect(bytesToBase64(bytes)).toBe(expected);
        expect(base64ToBytes(expected)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  test('uses + and / (standard alphabet), not the URL-safe one', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);

    expect(bytesToBase64(bytes)).toBe('+/+/');
    expect(base64ToBytes('+/+/')).toEqual(bytes);
  });

  test('handles a multi-megabyte payload', () => {
    const bytes = new Uint8Array(5_000_000).map((_, i) => (i * 31) & 255);

    const text = bytesToBase64(bytes);

    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(text)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('base64ToBytes is strict', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['missing padding', 'Zg', /length 2 is not a multiple of 4/],
    ['a URL-safe character', 'Zm-v', /invalid character "-" at index 2/],
    ['whitespace', 'Zm9v\nYmFy', /length 9|invalid character/],
    ['a space inside', 'Zm 9', /invalid character " " at index 2/],
    ['padding in the middle', 'Zg==Zm9v', /'=' before the end at index 2/],
    ['three padding characters', 'Z===', /'=' before the end at index 1/],
    ['non-zero unused bits', 'Zh==', /non-zero unused bits/],
    ['a non-ASCII character', 'Zm9€', /invalid character "€" at index 3/],
  ];

  test.each(cases)('%s is refused', (_, text, message) => {
    const decode = () => base64ToBytes(text);

    expect(decode).toThrow(PayloadEncodingError);
    expect(decode).toThrow(message);
  });

  test('the error carries the PAYLOAD_ENCODING code', () => {
    const error = (() => {
      try {
        base64ToBytes('!!!!');
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(PayloadEncodingError);
    expect((error as PayloadEncodingError).code).toBe('PAYLOAD_ENCODING');
  });

  test('a non-string is refused', () => {
    expect(() => base64ToBytes(42 as unknown as string)).toThrow(/expected a string, got number/);
  });
});
