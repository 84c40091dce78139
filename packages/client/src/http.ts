import { GridConnectionError, GridError, describeError } from './errors.js';
import { isObject, readReply, type GridReply, type MessageTransport } from './grid-reply.js';

/**
 * Calls `fetch`, turning a network failure into a GridConnectionError.
 *
 * @param url - the full URL
 * @param init - fetch options
 * @param operation - what is being done, for the message
 */
export async function fetchGrid(
  url: string,
  init: RequestInit,
  operation: string,
): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new GridConnectionError(
      `Grid error: could not reach the grid at ${new URL(url).origin} for ${operation}: ` +
        describeError(cause),
      { cause: error },
    );
  }
}

/** Reads an error reply's `{"error": …}` message, or the status text. */
async function errorMessage(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body: unknown = JSON.parse(text);
    if (isObject(body) && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall back to the status line below.
  }
  return response.statusText || 'no error message';
}

/**
 * Downloads a binary body (model checkpoint or plan).
 *
 * @param url - the full URL, query included
 * @param operation - the path, for error messages
 * @throws GridError on a non-2xx status, GridConnectionError when unreachable
 */
export async function fetchBytes(url: string, operation: string): Promise<Uint8Array> {
  const response = await fetchGrid(url, { method: 'GET' }, operation);
  if (!response.ok) {
    throw new GridError(operation, await errorMessage(response), response.status);
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** JSON POST transport: `POST <grid>/model-centric/<name>` with the bare data as body. */
export class HttpTransport implements MessageTransport {
  /** @param httpUrl - the grid's base URL without a trailing slash */
  constructor(private readonly httpUrl: string) {}

  /** @inheritdoc */
  async send(type: string, data: Record<string, unknown>): Promise<GridReply> {
    const response = await fetchGrid(
      `${this.httpUrl}/${type}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      },
      type,
    );
    if (!response.ok) throw new GridError(type, await errorMessage(response), response.status);

    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new GridError(type, `reply is not JSON: ${text.slice(0, 80)}`, response.status);
    }
    return readReply(type, body, response.status);
  }

  /** Nothing to release: every call is its own request. */
  close(): void {}
}
