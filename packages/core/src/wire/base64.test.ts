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

  // Payloads of 4 KiB and more take Node's lenient decoder; each leniency must still refuse.
  const large = Buffer.from(new Uint8Array(30_000).map((_, i) => (i * 7) & 255)).toString('base64');
  const at = (index: number, replacement: string): string =>
    large.slice(0, index) + replacement + large.slice(index + replacement.length);
  const largeCases: Array<[string, string, RegExp]> = [
    ['a URL-safe "-"', at(20_001, '-'), /invalid character "-" at index 20001/],
    ['a URL-safe "_"', at(20_002, '_'), /invalid character "_" at index 20002/],
    ['a space', at(5_000, ' '), /invalid character " " at index 5000/],
    ['a newline', at(4_096, '\n'), /invalid character "\\n" at index 4096/],
    ['padding in the middle', at(9_998, '=='), /'=' before the end at index 9998/],
    ['a Latin-1 character', at(7, '\u00e9'), /invalid character "é" at index 7/],
    ['a character whose low byte is "A"', at(11, '\u0141'), /invalid character "Ł" at index 11/],
    ['a NUL', at(39_000, '\u0000'), /invalid character "\\u0000" at index 39000/],
    ['non-zero unused bits at the end', large.slice(0, -2) + 'B=', /non-zero unused bits/],
  ];

  test.each(largeCases)('in a large payload, %s is refused', (_, text, message) => {
    const decode = () => base64ToBytes(text);

    expect(decode).toThrow(PayloadEncodingError);
    expect(decode).toThrow(message);
  });

  test('a large payload decodes to a plain Uint8Array equal to Node’s', () => {
    const bytes = base64ToBytes(large);

    expect(bytes.constructor).toBe(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(large, 'base64'))).toBe(true);
  });

  test('a non-string is refused', () => {
    expect(() => base64ToBytes(42 as unknown as string)).toThrow(/expected a string, got number/);
  });
});
