/**
 * A real grid for tests of other packages: 127.0.0.1, a free port, a temporary data folder,
 * no log output.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type GridHandle, startGrid } from '@syft-ts/grid';
import { pino } from 'pino';

/** A grid on 127.0.0.1 with a temp data folder that `stop()` removes. */
export interface TestGrid extends GridHandle {
  stop(): Promise<void>;
}

/**
 * Starts a real grid on a free loopback port, logging nothing.
 *
 * @param folderPrefix - prefix of the temporary data folder's name (names the test suite)
 */
export async function startTestGrid(folderPrefix = 'syft-test-grid-'): Promise<TestGrid> {
  const dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
  const grid = await startGrid({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
  return {
    ...grid,
    stop: async () => {
      await grid.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
