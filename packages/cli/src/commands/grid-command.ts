import { join } from 'node:path';

import { SQLITE_FILE_NAME, startGrid } from '@syft-ts/grid';

import { CliUsageError, RunError } from '../errors.js';
import { ensureWritableFolder } from '../options/writable-path.js';
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
  const dataDir = await ensureWritableFolder('--data', options.dataDir);
  let grid: Awaited<ReturnType<typeof startGrid>>;
  try {
    grid = await startGrid({ port: options.port, host: options.host, dataDir });
  } catch (error) {
    throw startFailure(error, options, dataDir);
  }

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

/**
 * Turns a failure to start into an error naming what the user can fix: the port, the host or
 * the store file.
 */
function startFailure(error: unknown, options: GridStartOptions, dataDir: string): Error {
  const code = (error as { code?: unknown }).code;
  const message = (error as Error).message;
  if (code === 'EADDRINUSE') {
    return new RunError(`port ${options.port} on ${options.host} is already in use.`, {
      cause: error,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL') {
    return new CliUsageError(`--host ${options.host}: cannot listen there (${code}).`);
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const file = join(dataDir, SQLITE_FILE_NAME);
    return new RunError(`cannot open the grid store ${file}: ${message}`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}
