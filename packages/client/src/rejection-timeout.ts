import { GridProtocolError } from './errors.js';

/** PyGrid's `timedelta` text: `[-]D day[s], ]H:MM:SS[.ffffff]`. */
const TIMEDELTA = /^(?:(-?\d+) days?, )?(\d+):([0-5]\d):([0-5]\d)(?:\.(\d{1,6}))?$/;

/**
 * Reads the `timeout` of a cycle rejection as whole or fractional seconds, never negative.
 * Accepts a number (this project's grid), a numeric string, or PyGrid's `timedelta` string
 * (`7:59:59.123456`, `1 day, 2:03:04`, `-1 day, 23:59:58.500000`). `null`/`undefined` mean
 * "no retry: the process has finished" and give `null`.
 *
 * @param value - the `timeout` field as received
 * @throws GridProtocolError for any other value
 * @example
 * parseRejectionTimeout('0:01:30'); // 90
 */
export function parseRejectionTimeout(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return Math.max(0, Number(text));
    const match = TIMEDELTA.exec(text);
    if (match !== null) {
      const [, days, hours, minutes, seconds, fraction] = match;
      const total =
        Number(days ?? 0) * 86_400 +
        Number(hours) * 3_600 +
        Number(minutes) * 60 +
        Number(seconds) +
        (fraction === undefined ? 0 : Number(`0.${fraction}`));
      return Math.max(0, total);
    }
  }
  throw new GridProtocolError(
    `Unknown rejection timeout: expected seconds or 'H:MM:SS', got ${JSON.stringify(value)}`,
  );
}
