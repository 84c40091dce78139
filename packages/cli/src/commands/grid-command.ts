import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { startGrid } from '@syft-ts/grid';

import type { CommandStreams } from '../program.js';

/** Options of `syft grid start`. */
export interface GridStartOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on. */
  readonly host: string;
  /** Data folder: SQLite store and owner token. */
  readonly dataDir: string;
}

/**
 * `syft grid start`: runs a grid node until SIGINT or SIGTERM, then closes it cleanly (open
 * requests finish, the store is closed).
 *
 * @param options - port, host and data folder
 * @param streams - where to write
 */
export async function runGridStart(
  options: GridStartOptions,
  streams: CommandStreams,
): Promise<void> {
  const dataDir = resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const grid = await startGrid({ port: options.port, host: options.host, dataDir });

  streams.out.write(
    [
      `grid listening on ${grid.url} (WebSocket ${grid.wsUrl})`,
      `data folder: ${dataDir}`,
      `owner token: in ${join(dataDir, 'owner-token')} (use --token-file with syft host)`,
      'press Ctrl+C to stop',
      '',
    ].join('\n'),
  );

  const signal = await new Promise<NodeJS.Signals>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  streams.out.write(`${signal}: closing the grid\n`);
  await grid.close();
  streams.out.write('grid closed\n');
}
