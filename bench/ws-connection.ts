/**
 * One WebSocket connection to the grid that sends JSON frames and matches each reply to its
 * request by `request_id` (the envelope of the grid protocol, section 1.2).
 */
import WebSocket from 'ws';

/** A reply frame. */
export interface ReplyFrame {
  type?: string;
  request_id?: string;
  data?: Record<string, unknown>;
  error?: string;
}

/** An open connection. */
export class GridConnection {
  #socket: WebSocket;
  #waiting = new Map<string, (reply: ReplyFrame) => void>();
  #next = 0;
  readonly #prefix: string;

  private constructor(socket: WebSocket, prefix: string) {
    this.#socket = socket;
    this.#prefix = prefix;
    socket.on('message', (raw: Buffer) => {
      const reply = JSON.parse(raw.toString('utf8')) as ReplyFrame;
      const id = reply.request_id ?? '';
      const resolve = this.#waiting.get(id);
      this.#waiting.delete(id);
      resolve?.(reply);
    });
  }

  /**
   * Opens a connection.
   * @param url - `ws://127.0.0.1:PORT`
   * @param name - a prefix for this connection's request ids
   */
  static open(url: string, name: string): Promise<GridConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new GridConnection(socket, name)));
      socket.once('error', reject);
    });
  }

  /**
   * Sends `{ type, request_id, data }` and resolves with the reply.
   * @param type - the message type
   * @param data - the message data
   */
  request(type: string, data: Record<string, unknown>): Promise<ReplyFrame> {
    const id = `${this.#prefix}-${this.#next++}`;
    return this.requestRaw(id, JSON.stringify({ type, request_id: id, data }));
  }

  /**
   * Sends a frame that is already serialized (it must carry `request_id: id`).
   * @param id - the frame's request id
   * @param frame - the JSON text, as a string or as UTF-8 bytes
   */
  requestRaw(id: string, frame: string | Buffer): Promise<ReplyFrame> {
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, resolve);
      this.#socket.send(frame, { binary: false }, (error) => {
        if (error) reject(error);
      });
    });
  }

  /** A fresh request id of this connection. */
  nextId(): string {
    return `${this.#prefix}-${this.#next++}`;
  }

  /** Closes the connection. */
  close(): void {
    this.#socket.close();
  }
}

/** Opens `count` connections, `batch` at a time. */
export async function openConnections(
  url: string,
  count: number,
  batch = 100,
): Promise<GridConnection[]> {
  const connections: GridConnection[] = [];
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    const opened = await Promise.all(
      Array.from({ length: size }, (_, i) => GridConnection.open(url, `c${start + i}`)),
    );
    connections.push(...opened);
  }
  return connections;
}
