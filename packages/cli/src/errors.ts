import { SyftError } from '@syft-ts/core';

/**
 * A command-line usage error: a bad option value or a bad combination of options.
 * The `syft` command prints its message on one line and exits with code 2.
 */
export class CliUsageError extends SyftError {
  /**
   * @param message - names the option, what it expects and what arrived
   */
  constructor(message: string) {
    super('CLI_USAGE', message);
  }
}

/**
 * A data file that is missing or not in the format the worker expects
 * (IDX images and labels, or the JSON examples format of docs/cli.md).
 */
export class DatasetError extends SyftError {
  /**
   * @param message - names the file, what was expected and what was found
   * @param options - standard `ErrorOptions`, for example the underlying I/O error as `cause`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('DATASET_FORMAT', message, options);
  }
}

/**
 * A federated run that could not go on: the grid refused the model, a worker thread died,
 * or a checkpoint never arrived.
 */
export class RunError extends SyftError {
  /**
   * @param message - what failed and, where known, why
   * @param options - standard `ErrorOptions`, for example the underlying error as `cause`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('CLI_RUN', message, options);
  }
}
