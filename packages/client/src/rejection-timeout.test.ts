import { describe, expect, it } from 'vitest';
import { GridProtocolError } from './errors.js';
import { parseRejectionTimeout } from './rejection-timeout.js';

describe('parseRejectionTimeout', () => {
  it('passes seconds through', () => {
    expect(parseRejectionTimeout(90)).toBe(90);
    expect(parseRejectionTimeout('42')).toBe(42);
  });

  it('reads PyGrid H:MM:SS and H:MM:SS.ffffff strings', () => {
    expect(parseRejectionTimeout('0:01:30')).toBe(90);
    expect(parseRejectionTimeout('7:59:59.123456')).toBeCloseTo(28_799.123456, 6);
    expect(parseRejectionTimeout('0:00:00.5')).toBe(0.5);
  });

  it('reads the day form', () => {
    expect(parseRejectionTimeout('1 day, 2:03:04')).toBe(86_400 + 7_384);
    expect(parseRejectionTimeout('3 days, 0:00:00')).toBe(3 * 86_400);
  });

  it('clamps a negative (already passed) timedelta to zero', () => {
    expect(parseRejectionTimeout('-1 day, 23:59:58.500000')).toBe(0);
    expect(parseRejectionTimeout(-5)).toBe(0);
  });

  it('gives null when there is no timeout (process finished)', () => {
    expect(parseRejectionTimeout(undefined)).toBeNull();
    expect(parseRejectionTimeout(null)).toBeNull();
  });

  it('refuses anything else with a typed error', () => {
    expect(() => parseRejectionTimeout('soon')).toThrow(GridProtocolError);
    expect(() => parseRejectionTimeout('1:99:00')).toThrow(/Unknown rejection timeout/);
    expect(() => parseRejectionTimeout({})).toThrow(GridProtocolError);
  });
});
