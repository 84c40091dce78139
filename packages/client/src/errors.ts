import { SyftError } from '@syft-ts/core';

/**
 * The grid answered, but with an error: an HTTP status other than 2xx, or a reply carrying
 * `error`. The message starts with syft.js's `Grid error: ` prefix and names the operation.
 */
export class GridError extends SyftError {
  /** The grid operation that failed, e.g. `model-centric/authenticate`. */
  readonly operation: string;
  /** The HTTP status, when the reply came over HTTP. */
  readonly status: number | undefined;
  /** The grid's own message (first line only: tracebacks are dropped). */
  readonly gridMessage: string;

  /**
   * @param operation - the grid operation that failed
   * @param gridMessage - the grid's error message
   * @param status - the HTTP status, if any
   */
  constructor(operation: string, gridMessage: string, status?: number) {
    const firstLine = gridMessage.split('\n', 1)[0] ?? '';
    const statusText = status === undefined ? '' : ` (HTTP ${status})`;
    super('GRID_ERROR', `Grid error: ${operation} failed${statusText}: ${firstLine}`);
    this.operation = operation;
    this.status = status;
    this.gridMessage = firstLine;
  }
}

/** The grid could not be reached, or the connection to it was lost before a reply came. */
export class GridConnectionError extends SyftError {
  /**
   * @param message - what could not be reached and why
   * @param options - `cause`, when there is one
   */
  constructor(message: string, options?: ErrorOptions) {
    super('GRID_CONNECTION', message, options);
  }
}

/** A request over the WebSocket got no reply within the configured time. */
export class GridTimeoutError extends SyftError {
  /**
   * @param operation - the message type that was sent
   * @param timeoutMs - how long the worker waited
   */
  constructor(operation: string, timeoutMs: number) {
    super('GRID_TIMEOUT', `Grid error: no reply to '${operation}' within ${timeoutMs} ms`);
  }
}

/** The grid replied with something this worker does not understand. */
export class GridProtocolError extends SyftError {
  /** @param message - what was expected and what arrived */
  constructor(message: string) {
    super('GRID_PROTOCOL', message);
  }
}

/** A downloaded plan could not be decoded or compiled (syft.js's `Failed to load '<plan>' Plan: `). */
export class PlanLoadError extends SyftError {
  /**
   * @param planName - the plan's name in the cycle
   * @param reason - why it failed
   * @param options - `cause`, when there is one
   */
  constructor(planName: string, reason: string, options?: ErrorOptions) {
    super('PLAN_LOAD', `Failed to load '${planName}' Plan: ${reason}`, options);
  }
}

/** A model checkpoint could not be downloaded or decoded (syft.js's `Failed to load Model: `). */
export class ModelLoadError extends SyftError {
  /**
   * @param reason - why it failed
   * @param options - `cause`, when there is one
   */
  constructor(reason: string, options?: ErrorOptions) {
    super('MODEL_LOAD', `Failed to load Model: ${reason}`, options);
  }
}

/** An argument given to the worker API is missing or has the wrong type or value. */
export class ClientArgumentError extends SyftError {
  /** @param message - which argument, what was expected and what arrived */
  constructor(message: string) {
    super('CLIENT_ARGUMENT', message);
  }
}

/** The training loop was used wrongly, or a plan's output did not match its output spec. */
export class TrainingError extends SyftError {
  /**
   * @param message - what went wrong
   * @param options - `cause`, when there is one
   */
  constructor(message: string, options?: ErrorOptions) {
    super('TRAINING', message, options);
  }
}

/** Describes an unknown thrown value in one line, for error messages. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
