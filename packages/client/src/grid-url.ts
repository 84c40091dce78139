import { ClientArgumentError } from './errors.js';

/** How the worker talks to the grid, derived from the URL the user gave. */
export interface GridEndpoints {
  /** `ws` for WebSocket messages, `http` for JSON POSTs. */
  transport: 'ws' | 'http';
  /** The WebSocket URL (also derived for an `http` URL, for `hostTraining`). */
  wsUrl: string;
  /** The HTTP base URL for downloads and the speed test, without a trailing slash. */
  httpUrl: string;
}

const UPGRADE: Record<string, string> = { 'ws:': 'wss:', 'http:': 'https:' };
const AS_HTTP: Record<string, string> = { 'ws:': 'http:', 'wss:': 'https:' };
const AS_WS: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:' };

/**
 * Parses a grid URL and, unless `allowInsecure`, upgrades `ws:` to `wss:` and `http:` to
 * `https:`. Secure schemes are left as they are.
 *
 * @param url - `ws://`, `wss://`, `http://` or `https://` URL of the grid
 * @param allowInsecure - keep `ws:`/`http:` as given (the `verbose` option)
 * @throws ClientArgumentError when the URL does not parse or has another scheme
 * @example
 * resolveGridUrl('ws://grid.example:5000', false).wsUrl; // 'wss://grid.example:5000/'
 */
export function resolveGridUrl(url: string, allowInsecure: boolean): GridEndpoints {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ClientArgumentError(`options.url must be an absolute ws/http URL, got '${url}'`);
  }
  const scheme = parsed.protocol;
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(scheme)) {
    throw new ClientArgumentError(
      `options.url must use ws:, wss:, http: or https:, got '${scheme}' in '${url}'`,
    );
  }
  if (!allowInsecure && UPGRADE[scheme] !== undefined) parsed.protocol = UPGRADE[scheme];
  parsed.hash = '';

  const transport = parsed.protocol.startsWith('ws') ? 'ws' : 'http';
  const other = new URL(parsed.href);
  other.protocol = (transport === 'ws' ? AS_HTTP : AS_WS)[parsed.protocol] ?? parsed.protocol;
  const wsUrl = transport === 'ws' ? parsed.href : other.href;
  const httpUrl = (transport === 'http' ? parsed.href : other.href).replace(/\/+$/, '');
  return { transport, wsUrl, httpUrl };
}
