import { afterEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  type TestGrid,
} from '../grid.test-helper.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cycles(grid: TestGrid): Promise<Record<string, unknown>[]> {
  return (await (await fetch(`${grid.url}/api/processes/1/cycles`)).json()) as Record<
    string,
    unknown
  >[];
}

describe('cycle deadlines (D4)', () => {
  let grid: TestGrid;
  afterEach(async () => {
    await grid.stop();
  });

  it('closes a cycle at its deadline by the server-side timer, without any request', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 1, max_diffs: 5 } }));
    const a = await joinCycle(grid);
    await postJson(`${grid.url}/model-centric/report`, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    });

    await sleep(1600);
    const [first, second] = await cycles(grid);

    expect(first).toMatchObject({ status: 'completed', reports: 1, checkpoint_number: 2 });
    expect(second).toMatchObject({ sequence: 2, status: 'open' });
  });

  it('extends the deadline by cycle_length when fewer than min_diffs reports arrived, keeping them', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 1, max_diffs: 5, min_diffs: 2 } }));
    const a = await joinCycle(grid);
    await postJson(`${grid.url}/model-centric/report`, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    });
    const before = await cycles(grid);

    await sleep(1600);
    const after = await cycles(grid);

    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ status: 'open', reports: 1 });
    expect(Date.parse(after[0]!.deadline as string)).toBeGreaterThan(
      Date.parse(before[0]!.deadline as string),
    );
  });

  it('keeps rejection timeouts whole seconds counting down to the deadline', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 30, max_workers: 1, max_diffs: 1 } }),
    );
    await joinCycle(grid);

    await sleep(1100);
    const late = await joinCycle(grid);

    expect(late.cycle.reason).toBe('cycle_full');
    expect(Number.isInteger(late.cycle.timeout)).toBe(true);
    expect(late.cycle.timeout).toBeLessThanOrEqual(29);
    expect(late.cycle.timeout).toBeGreaterThanOrEqual(25);
  });

  it('extends a cycle that admitted fewer than min_workers at its deadline', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 1, max_diffs: 5, min_workers: 2 } }));
    const a = await joinCycle(grid);
    await postJson(`${grid.url}/model-centric/report`, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    });

    await sleep(1600);
    const [only, ...rest] = await cycles(grid);

    expect(rest).toEqual([]);
    expect(only).toMatchObject({ status: 'open', admitted: 1, reports: 1 });
  });

  it('completes a full cycle as soon as every admitted worker reported (max_workers)', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_workers: 2, max_diffs: null } }),
    );
    const workers = [await joinCycle(grid), await joinCycle(grid)];

    for (const w of workers) {
      await postJson(`${grid.url}/model-centric/report`, {
        worker_id: w.workerId,
        request_key: w.cycle.request_key,
        diff: diffBase64([param([3], [1, 1, 1])]),
      });
    }
    const [first, second] = await cycles(grid);

    expect(first).toMatchObject({
      status: 'completed',
      admitted: 2,
      reports: 2,
      checkpoint_number: 2,
    });
    expect(second).toMatchObject({ sequence: 2, status: 'open' });
  });

  it('keeps opening cycles when num_cycles is absent or 0 (unlimited)', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_diffs: 1, num_cycles: 0 } }),
    );

    for (let i = 0; i < 4; i++) {
      const w = await joinCycle(grid);
      await postJson(`${grid.url}/model-centric/report`, {
        worker_id: w.workerId,
        request_key: w.cycle.request_key,
        diff: diffBase64([param([3], [1, 1, 1])]),
      });
    }
    const all = await cycles(grid);

    expect(all.map((c) => c.status)).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
      'open',
    ]);
    expect(all.map((c) => c.checkpoint_number)).toEqual([2, 3, 4, 5, null]);
  });
});
