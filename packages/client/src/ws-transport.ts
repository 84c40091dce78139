import { GridConnectionError, GridTimeoutError } from './errors.js';
import { isObject, readReply, type GridReply, type MessageTransport } from './grid-reply.js';
import type { Logger } from './logger.js';
import {
  SOCKET_OPEN,
  defaultSocketFactory,
  type SocketFactory,
  type SocketLike,
} from './ws-socket.js';

interface PendingRequest {
  type: string;
  resolve: (reply: GridReply) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** Options of a WebSocket transport. */
export interface WsTransportOptions {
  /** How long to wait for each reply; default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Where frames that cannot be matched are logged. */
  logger: Logger;
  /** Creates the socket (the global WebSocket or `ws` by default). */
  socketFactory?: SocketFactory;
}

/** 16 random bytes as base64: the `request_id` that pairs a reply with its request. */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * One WebSocket to the grid, shared by every job of a worker. Requests carry a `request_id`
 * and replies are matched by it; frames that are not JSON or match no pending request are
 * logged and dropped. When the socket closes, pending requests fail with a
 * GridConnectionError, and the next `send` opens a new socket.
 */
export class WsTransport implements MessageTransport {
  private socket: Promise<SocketLike> | null = null;
  private readonly pending = new Map<string, PendingRequest>();
  private readonly requestTimeoutMs: number;
  private readonly socketFactory: SocketFactory;

  /**
   * @param url - the grid's WebSocket URL
   * @param options - timeout, logger and socket factory
   */
  constructor(
    private readonly url: string,
    private readonly options: WsTransportOptions,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.socketFactory = options.socketFactory ?? defaultSocketFactory;
  }

  /** @inheritdoc */
  async send(type: string, data: Record<string, unknown>): Promise<GridReply> {
    const socket = await this.connect();
    const requestId = newRequestId();
    const reply = new Promise<GridReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new GridTimeoutError(type, this.requestTimeoutMs));
      }, this.requestTimeoutMs);
      this.pending.set(requestId, { type, resolve, reject, timer });
    });
    try {
      socket.send(JSON.stringify({ type, request_id: requestId, data }));
    } catch (error) {
      this.settle(requestId)?.reject(
        new GridConnectionError(`Grid error: could not send '${type}' to ${this.url}`, {
          cause: error,
        }),
      );
    }
    return reply;
  }

  /** Closes the socket; pending requests fail. */
  close(): void {
    const socket = this.socket;
    this.socket = null;
    void socket?.then(
      (s) => s.close(1000, 'worker closed'),
      () => undefined,
    );
    this.failPending('the worker closed the connection');
  }

  /** Number of requests still waiting for a reply. */
  get pendingCount(): number {
    return this.pending.size;
  }

  private connect(): Promise<SocketLike> {
    if (this.socket !== null) return this.socket;
    const opening = this.open();
    this.socket = opening;
    opening.catch(() => {
      if (this.socket === opening) this.socket = null;
    });
    return opening;
  }

  private async open(): Promise<SocketLike> {
    const socket = await this.socketFactory(this.url);
    await new Promise<void>((resolve, reject) => {
      if (socket.readyState === SOCKET_OPEN) {
        resolve();
        return;
      }
      socket.onopen = () => resolve();
      socket.onerror = () =>
        reject(new GridConnectionError(`Grid error: could not connect to the grid at ${this.url}`));
      socket.onclose = (event) =>
        reject(
          new GridConnectionError(
            `Grid error: connection to ${this.url} closed while opening (code ${event.code ?? '?'})`,
          ),
        );
    });
    socket.onerror = () => this.options.logger.warn('WebSocket error', { url: this.url });
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      this.socket = null;
      this.failPending(`connection to ${this.url} was lost (code ${event.code ?? '?'})`);
    };
    this.options.logger.debug('WebSocket connected', { url: this.url });
    return socket;
  }

  /** Handles one incoming frame. Never throws: a bad frame only costs a log line. */
  private receive(raw: unknown): void {
    const logger = this.options.logger;
    if (typeof raw !== 'string') {
      logger.warn('ignored a binary WebSocket frame');
      return;
    }
    let frame: unknown;
    try {
      frame = JSON.parse(raw);
    } catch {
      logger.warn('ignored a WebSocket frame that is not JSON', { frame: raw.slice(0, 200) });
      return;
    }
    const requestId = isObject(frame) ? frame.request_id : undefined;
    const request = typeof requestId === 'string' ? this.settle(requestId) : undefined;
    if (request === undefined) {
      logger.warn('ignored a WebSocket frame that matches no pending request', {
        type: isObject(frame) ? frame.type : typeof frame,
      });
      return;
    }
    try {
      // An envelope carries `data`; PyGrid's dispatcher failures carry a bare `error` instead.
      const envelope = frame as Record<string, unknown>;
      const data = isObject(envelope.data) ? envelope.data : {};
      const error = envelope.error ?? data.error;
      request.resolve(readReply(request.type, error === undefined ? data : { error }));
    } catch (error) {
      request.reject(error as Error);
    }
  }

  private settle(requestId: string): PendingRequest | undefined {
    const request = this.pending.get(requestId);
    if (request === undefined) return undefined;
    this.pending.delete(requestId);
    clearTimeout(request.timer);
    return request;
  }

  private failPending(reason: string): void {
    for (const [requestId, request] of [...this.pending]) {
      this.settle(requestId);
      request.reject(
        new GridConnectionError(`Grid error: no reply to '${request.type}': ${reason}`),
      );
    }
  }
}
