import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { GridProtocolError } from './errors.js';
import type { JobRejected } from './job.js';
import { Syft } from './syft.js';

/** A loopback WebSocket grid that answers like PyGrid 07bbd47 with a scripted cycle reply. */
async function pyGridLike(cycleReply: Record<string, unknown>) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.on('listening', () => resolve()));
  server.on('connection', (socket) =>
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { type: string; request_id: string };
      const data =
        frame.type === 'model-centric/authenticate'
          ? {
              status: 'success',
              worker_id: '6f1c0f3e-3a53-4f27-9e1c-2b5c1d8c0b1a',
              requires_speed_test: false,
            }
          : cycleReply;
      socket.send(JSON.stringify({ type: frame.type, data, request_id: frame.request_id }));
    }),
  );
  const { port } = server.address() as { port: number };
  return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => close?.());

function outcome(url: string): Promise<{ rejected?: JobRejected; error?: Error }> {
  const syft = new Syft({ url, verbose: true, logLevel: 'silent' });
  const job = syft.newJob({ modelName: 'mnist', modelVersion: '1.0' });
  return new Promise((resolve) => {
    job.on('rejected', (rejected) => resolve({ rejected }));
    job.on('error', (error) => resolve({ error }));
    void job.start();
  }).finally(() => syft.close()) as Promise<{ rejected?: JobRejected; error?: Error }>;
}

describe('against a PyGrid-style grid', () => {
  it("hands PyGrid's H:MM:SS rejection timeout to handlers as seconds", async () => {
    const grid = await pyGridLike({ status: 'rejected', timeout: '0:05:00.250000' });
    close = grid.close;

    const { rejected } = await outcome(grid.url);

    expect(rejected).toEqual({ timeout: 300.25, reason: undefined });
  });

  it('reads a rejection without timeout as finished (null)', async () => {
    const grid = await pyGridLike({ status: 'rejected' });
    close = grid.close;

    const { rejected } = await outcome(grid.url);

    expect(rejected?.timeout).toBeNull();
  });

  it('fires error for an unknown cycle status', async () => {
    const grid = await pyGridLike({ status: 'maybe' });
    close = grid.close;

    const { error } = await outcome(grid.url);

    expect(error).toBeInstanceOf(GridProtocolError);
    expect(error?.message).toBe('Unknown cycle status: "maybe"');
  });
});
