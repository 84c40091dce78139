import { CommanderError } from 'commander';
import { SyftError } from '@syft-ts/core';

import { CliUsageError } from './errors.js';

/** Exit code for success, and for `--help` and `--version`. */
export const EXIT_OK = 0;
/** Exit code for a failed run (grid unreachable, bad data file, worker failure...). */
export const EXIT_FAILURE = 1;
/** Exit code for bad usage: an unknown command or option, or a bad option value. */
export const EXIT_USAGE = 2;

const COMMANDER_SUCCESS = new Set([
  'commander.helpDisplayed',
  'commander.help',
  'commander.version',
]);

/**
 * Decides the exit code for an error that ended a command and prints it as one line (commander
 * has already printed its own parse errors). Stack traces are shown only with `SYFT_DEBUG=1`.
 *
 * @param error - what the command threw
 * @param err - where to print
 * @returns the exit code
 */
export function exitCodeFor(error: unknown, err: NodeJS.WritableStream): number {
  if (error instanceof CommanderError) {
    return COMMANDER_SUCCESS.has(error.code) ? EXIT_OK : EXIT_USAGE;
  }
  if (process.env['SYFT_DEBUG'] === '1' && error instanceof Error) err.write(`${error.stack}\n`);

  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.split('\n')[0] ?? message;
  if (error instanceof CliUsageError) {
    err.write(`error: ${oneLine}\n`);
    return EXIT_USAGE;
  }
  err.write(
    error instanceof SyftError ? `error: ${oneLine}\n` : `error: unexpected failure: ${oneLine}\n`,
  );
  return EXIT_FAILURE;
}
