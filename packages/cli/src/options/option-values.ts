import { InvalidArgumentError } from 'commander';

/** Parses an option value; throws commander's `InvalidArgumentError` with a one-line reason. */
export type OptionParser<T> = (raw: string) => T;

/**
 * A parser for a whole number within bounds, for options such as `--workers`.
 *
 * @param min - smallest accepted value
 * @param max - largest accepted value
 * @returns the parser
 */
export function wholeNumber(min: number, max: number): OptionParser<number> {
  return (raw) => {
    const value = Number(raw);
    if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, got '${raw}'.`,
      );
    }
    return value;
  };
}

/**
 * A parser for a decimal number in an open-closed range (min, max], for options such as `--lr`.
 *
 * @param min - the value must be greater than this
 * @param max - the value must be at most this
 * @returns the parser
 */
export function positiveDecimal(min: number, max: number): OptionParser<number> {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value <= min || value > max) {
      throw new InvalidArgumentError(
        `expected a number greater than ${min} and at most ${max}, got '${raw}'.`,
      );
    }
    return value;
  };
}

/**
 * A parser for an `http://` or `https://` grid address (a `ws://` or `wss://` one is accepted
 * and turned into its HTTP twin, since the grid serves both on one port).
 *
 * @returns the parser, yielding the address without a trailing slash
 */
export function gridAddress(): OptionParser<string> {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new InvalidArgumentError(`expected a URL such as http://127.0.0.1:5000, got '${raw}'.`);
    }
    const protocols: Record<string, string> = {
      'http:': 'http:',
      'https:': 'https:',
      'ws:': 'http:',
      'wss:': 'https:',
    };
    const protocol = protocols[url.protocol];
    if (!protocol) {
      throw new InvalidArgumentError(`expected an http, https, ws or wss URL, got '${raw}'.`);
    }
    url.protocol = protocol;
    return url.toString().replace(/\/$/, '');
  };
}

/**
 * A parser for a non-empty text value, such as a model name.
 *
 * @param what - what the value names, for the error message
 * @returns the parser
 */
export function nonEmptyText(what: string): OptionParser<string> {
  return (raw) => {
    if (raw.trim() === '') throw new InvalidArgumentError(`expected ${what}, got an empty value.`);
    return raw;
  };
}
