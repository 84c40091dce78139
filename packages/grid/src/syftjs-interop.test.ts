import { arraysFromState, decodeState } from '@syft-ts/core';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBytes, host, hostData, startTestGrid, type TestGrid } from './grid.test-helper.js';

const run = promisify(execFile);
const harness = (name: string): string =>
  fileURLToPath(new URL(`../../../test-support/syftjs/${name}`, import.meta.url));

/** Runs the published syft.js worker for one cycle in a child process. */
async function runSyftJsWorker(job: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['--import', harness('no-long.mjs'), harness('run-worker.mjs'), JSON.stringify(job)],
    { timeout: 90_000 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const last = stdout.trim().split('\n').pop() ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
}

describe('published syft.js 0.1.4 worker against the grid', () => {
  let grid: TestGrid;
  beforeEach(async () => {
    grid = await startTestGrid();
  });
  afterEach(async () => {
    await grid.stop();
  });

  it('completes a cycle over WebSocket: the bandit plan runs, the report closes the cycle', async () => {
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_diffs: 1, num_cycles: 2 } }),
    );

    const result = await runSyftJsWorker({
      url: grid.wsUrl,
      modelName: 'bandit',
      modelVersion: '1.0',
      inputs: [
        { shape: [3], values: [1, 0, 0] },
        { shape: [3], values: [2, 2, 2] },
      ],
      outputParams: [0],
    });
    const cycles = (await (await fetch(`${grid.url}/api/processes/1/cycles`)).json()) as {
      status: string;
      reports: number;
      checkpoint_number: number | null;
    }[];
    const latest = await getBytes(`${grid.url}/model-centric/retrieve-model?name=bandit`, {
      authorization: `Bearer ${grid.ownerToken}`,
    });

    expect(result).toMatchObject({ event: 'reported', newParams: [[1, 1, 1.5]] });
    expect(cycles[0]).toMatchObject({ status: 'completed', reports: 1, checkpoint_number: 2 });
    expect(cycles[1]).toMatchObject({ status: 'open', reports: 0 });
    expect(Array.from(arraysFromState(decodeState(latest.bytes))[0]!.values)).toEqual([1, 1, 1.5]);
  });

  it('works over HTTP too and sees the end of training as a rejection without timeout', async () => {
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_diffs: 1, num_cycles: 1 } }),
    );
    const job = {
      url: grid.url,
      modelName: 'bandit',
      modelVersion: '1.0',
      inputs: [
        { shape: [3], values: [0, 0, 3] },
        { shape: [3], values: [3, 3, 3] },
      ],
    };

    const first = await runSyftJsWorker(job);
    const second = await runSyftJsWorker(job);

    expect(first.event).toBe('reported');
    expect(second).toEqual({ event: 'rejected', timeout: null });
  });
});
