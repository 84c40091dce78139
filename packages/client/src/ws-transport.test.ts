import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { GridConnectionError, GridError, GridTimeoutError } from './errors.js';
import { createLogger } from './logger.js';
import { WsTransport } from './ws-transport.js';

interface Frame {
  type: string;
  request_id: string;
  data: Record<string, unknown>;
}

/** A loopback WebSocket server whose replies each test scripts. */
async function startServer(onFrame: (socket: WebSocket, frame: Frame) => void) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    socket.on('message', (raw) => onFrame(socket, JSON.parse(String(raw)) as Frame));
  });
  const { port } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    server,
  };
}

const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function transportFor(url: string, timeoutMs = 2_000) {
  const lines: string[] = [];
  const logger = createLogger('debug', (_level, line) => lines.push(line));
  return { transport: new WsTransport(url, { logger, requestTimeoutMs: timeoutMs }), lines };
}

describe('WsTransport', () => {
  it('matches replies by request_id even when they arrive out of order', async () => {
    const held: [WebSocket, Frame][] = [];
    const server = await startServer((socket, frame) => {
      held.push([socket, frame]);
      if (held.length < 2) return;
      for (const [s, f] of held.reverse()) {
        s.send(
          JSON.stringify({ type: f.type, request_id: f.request_id, data: { echo: f.data.n } }),
        );
      }
    });
    servers.push(server);
    const { transport } = transportFor(server.url);

    const [first, second] = await Promise.all([
      transport.send('model-centric/authenticate', { n: 1 }),
      transport.send('model-centric/authenticate', { n: 2 }),
    ]);

    expect(first).toEqual({ echo: 1 });
    expect(second).toEqual({ echo: 2 });
    expect(server.connections()).toBe(1);
    transport.close();
  });

  it('ignores non-JSON and unknown frames, logs them, and still answers the pending request', async () => {
    const server = await startServer((socket, frame) => {
      socket.send('this is not json');
      socket.send(JSON.stringify({ type: 'x', request_id: 'nobody-asked', data: {} }));
      socket.send(JSON.stringify({ surprise: true }));
      socket.send(
        JSON.stringify({ type: frame.type, request_id: frame.request_id, data: { ok: 1 } }),
      );
    });
    servers.push(server);
    const { transport, lines } = transportFor(server.url);

    const reply = await transport.send('model-centric/cycle-request', {});

    expect(reply).toEqual({ ok: 1 });
    expect(lines.filter((l) => l.includes('not JSON'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('matches no pending request'))).toHaveLength(2);
    transport.close();
  });

  it('turns a reply carrying error into a GridError with the grid message', async () => {
    const server = await startServer((socket, frame) =>
      socket.send(
        JSON.stringify({
          type: frame.type,
          request_id: frame.request_id,
          data: { error: "The 'auth_token' you sent is invalid.\nTraceback ..." },
        }),
      ),
    );
    servers.push(server);
    const { transport } = transportFor(server.url);

    const failure = transport.send('model-centric/authenticate', {});

    await expect(failure).rejects.toBeInstanceOf(GridError);
    await expect(failure).rejects.toThrow(
      "Grid error: model-centric/authenticate failed: The 'auth_token' you sent is invalid.",
    );
    transport.close();
  });

  it('rejects pending requests when the connection is lost, then reconnects on the next call', async () => {
    let calls = 0;
    const server = await startServer((socket, frame) => {
      calls++;
      if (calls === 1) {
        socket.terminate();
        return;
      }
      socket.send(
        JSON.stringify({ type: frame.type, request_id: frame.request_id, data: { ok: 2 } }),
      );
    });
    servers.push(server);
    const { transport } = transportFor(server.url);

    const lost = transport.send('model-centric/report', {});
    await expect(lost).rejects.toBeInstanceOf(GridConnectionError);
    await expect(lost).rejects.toThrow(/no reply to 'model-centric\/report'.*lost/);
    expect(transport.pendingCount).toBe(0);

    const again = await transport.send('model-centric/report', {});

    expect(again).toEqual({ ok: 2 });
    expect(server.connections()).toBe(2);
    transport.close();
  });

  it('times out a request the grid never answers', async () => {
    const server = await startServer(() => undefined);
    servers.push(server);
    const { transport } = transportFor(server.url, 200);

    await expect(transport.send('model-centric/authenticate', {})).rejects.toBeInstanceOf(
      GridTimeoutError,
    );
    expect(transport.pendingCount).toBe(0);
    transport.close();
  });

  it('fails with a GridConnectionError when nothing listens', async () => {
    const server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const { transport } = transportFor(url);

    await expect(transport.send('model-centric/authenticate', {})).rejects.toThrow(
      GridConnectionError,
    );
  });
});
