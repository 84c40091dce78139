import { GridConnectionError, describeError } from './errors.js';

/** The part of the WHATWG WebSocket that the worker uses (met by browsers and the `ws` package). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/** Creates a socket for a URL; injectable for tests. */
export type SocketFactory = (url: string) => Promise<SocketLike>;

type SocketConstructor = new (url: string) => SocketLike;

/** The readyState of an open socket. */
export const SOCKET_OPEN = 1;

/**
 * Opens a socket with the global `WebSocket` when there is one (browsers, Node 22+), else with
 * the `ws` package, loaded only then so browser bundles carry no Node built-ins.
 */
export const defaultSocketFactory: SocketFactory = async (url) => {
  const global = globalThis as { WebSocket?: SocketConstructor };
  if (global.WebSocket !== undefined) return new global.WebSocket(url);

  // A variable specifier keeps bundlers from pulling `ws` into a browser build.
  const specifier = 'ws';
  try {
    const module = (await import(/* @vite-ignore */ /* webpackIgnore: true */ specifier)) as {
      default?: SocketConstructor;
      WebSocket?: SocketConstructor;
    };
    const Ctor = module.WebSocket ?? module.default;
    if (Ctor === undefined) throw new Error("the 'ws' module exports no WebSocket");
    return new Ctor(url);
  } catch (error) {
    throw new GridConnectionError(
      `Grid error: no WebSocket implementation: install 'ws' (${describeError(error)})`,
      { cause: error },
    );
  }
};
