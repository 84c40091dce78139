import { GridError, GridProtocolError } from './errors.js';

/** The `data` object of a grid reply. */
export type GridReply = Record<string, unknown>;

/** Sends model-centric messages to the grid and returns the reply's `data`. */
export interface MessageTransport {
  /**
   * Sends one message and resolves with the reply's data object.
   *
   * @param type - the message type, e.g. `model-centric/authenticate`
   * @param data - the message payload
   * @throws GridError when the reply carries `error`; GridConnectionError / GridTimeoutError
   */
  send(type: string, data: Record<string, unknown>): Promise<GridReply>;
  /** Releases the connection, if any. Later sends reconnect. */
  close(): void;
}

/** Whether `value` is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a reply body: an object without `error`. A PyGrid envelope (`{type, data}`) is
 * unwrapped, so grids that answer HTTP with the WS envelope (PyGrid's W-01) work too.
 *
 * @param operation - the message type, for error messages
 * @param body - the parsed reply
 * @param status - the HTTP status, if any
 */
export function readReply(operation: string, body: unknown, status?: number): GridReply {
  if (!isObject(body)) {
    throw new GridProtocolError(
      `Grid error: ${operation} reply must be a JSON object, got ${typeof body}`,
    );
  }
  const inner = body.type === operation && isObject(body.data) ? body.data : body;
  const error = inner.error ?? body.error;
  if (error !== undefined && error !== null) {
    throw new GridError(
      operation,
      typeof error === 'string' ? error : JSON.stringify(error),
      status,
    );
  }
  return inner;
}
