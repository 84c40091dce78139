import { afterEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  type TestGrid,
} from '../src/grid.test-helper.js';
import { cycles, report, retrieve, sleep, stateArrays } from './suite.test-helper.js';

const diff = (values: number[]) => diffBase64([param([3], values)]);

const sendReport = (
  grid: TestGrid,
  joined: { workerId: string; cycle: Record<string, unknown> },
  values: number[],
) =>
  report(grid, {
    worker_id: joined.workerId,
    request_key: joined.cycle.request_key,
    diff: diff(values),
  });

/** Polls the dashboard's cycle list until `done` holds (at most 10 s). */
async function until(
  grid: TestGrid,
  done: (list: Record<string, unknown>[]) => boolean,
): Promise<Record<string, unknown>[]> {
  for (let i = 0; i < 100; i++) {
    const list = await cycles(grid);
    if (done(list)) return list;
    await sleep(100);
  }
  throw new Error('the cycle list never reached the expected state');
}

describe('cycle lifecycle edges (D3, D4, D5)', () => {
  let grid: TestGrid;
  afterEach(async () => {
    await grid.stop();
  });

  it('at the deadline with too few reports extends the cycle and keeps them; the next deadline averages them all', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 1, max_diffs: 5, min_diffs: 2, num_cycles: 2 } }),
    );
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    await sendReport(grid, a, [1, 1, 1]);
    const first = (await cycles(grid))[0]!;

    // Waits for the server-side timer, however late a loaded machine runs it.
    const extended = await until(grid, (c) => c[0]!.deadline !== first.deadline);
    await sendReport(grid, b, [3, 3, 3]);
    const completed = await until(grid, (c) => c[0]!.status === 'completed');

    expect(extended).toHaveLength(1);
    expect(extended[0]).toMatchObject({ status: 'open', reports: 1 });
    expect(completed[0]).toMatchObject({ status: 'completed', reports: 2, checkpoint_number: 2 });
    expect(completed[1]).toMatchObject({ sequence: 2, status: 'open' });
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit'))[0]!)).toEqual([-1, 0, 1]);
  });

  it('after the last cycle: rejects without timeout, refuses downloads and late reports, serves every checkpoint to the owner', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_diffs: 1, num_cycles: 2 } }),
    );
    const first = await joinCycle(grid);
    const late = await joinCycle(grid);
    await sendReport(grid, first, [1, 1, 1]);
    const second = await joinCycle(grid);
    await sendReport(grid, second, [1, 1, 1]);

    const after = await joinCycle(grid);
    const model = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${second.workerId}&request_key=${String(second.cycle.request_key)}&model_id=1`,
    );
    const lateReply = await sendReport(grid, late, [100, 100, 100]);

    expect(after.cycle).toEqual({ status: 'rejected', reason: 'process_complete' });
    expect(model.status).toBe(400);
    expect(model.json()).toEqual({ error: 'Cycle not found!' });
    expect(lateReply.status).toBe(410);
    expect((await cycles(grid)).map((c) => c.status)).toEqual(['completed', 'completed']);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit'))[0]!)).toEqual([-1, 0, 1]);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit', { checkpoint: 2 }))[0]!)).toEqual([
      0, 1, 2,
    ]);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit', { checkpoint: 1 }))[0]!)).toEqual([
      1, 2, 3,
    ]);
  });

  it('refuses a duplicate report (409) and a late one (410) without changing the aggregate', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 2 } }));
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    const c = await joinCycle(grid);
    await sendReport(grid, a, [2, 2, 2]);

    const duplicate = await sendReport(grid, a, [50, 50, 50]);
    await sendReport(grid, b, [4, 4, 4]);
    const lateReply = await sendReport(grid, c, [50, 50, 50]);

    expect(duplicate.status).toBe(409);
    expect(lateReply.status).toBe(410);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit'))[0]!)).toEqual([-2, -1, 0]);
    expect((await cycles(grid))[0]).toMatchObject({ reports: 2, status: 'completed' });
  });

  it('answers a retried report that was stored with 409 even after its cycle closed, so the worker knows it counted', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 2 } }));
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    const c = await joinCycle(grid);
    await sendReport(grid, a, [1, 1, 1]);
    await sendReport(grid, b, [1, 1, 1]);

    // a's reply was "lost": it retries after the cycle closed with its report.
    const retried = await sendReport(grid, a, [1, 1, 1]);
    const neverStored = await sendReport(grid, c, [1, 1, 1]);

    expect(retried.status).toBe(409);
    expect(neverStored.status).toBe(410);
  });

  it('keeps two versions of one name apart and reads a missing version as the latest', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ version: '1.0', model: [param([3], [1, 2, 3])] }));
    await host(grid, hostData({ version: '2.0', model: [param([3], [10, 20, 30])] }));
    const v1 = await joinCycle(grid, 'bandit', '1.0');

    const auth = await postJson(`${grid.url}/model-centric/authenticate`, { model_name: 'bandit' });
    const latestWorker = auth.body.worker_id as string;
    const noVersion = await postJson(`${grid.url}/model-centric/cycle-request`, {
      worker_id: latestWorker,
      model: 'bandit',
    });
    const emptyVersion = await postJson(`${grid.url}/model-centric/cycle-request`, {
      worker_id: v1.workerId,
      model: 'bandit',
      version: '',
    });
    const crossVersion = await postJson(`${grid.url}/model-centric/cycle-request`, {
      worker_id: latestWorker,
      model: 'bandit',
      version: '1.0',
    });
    const latestModel = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${latestWorker}&request_key=${String(noVersion.body.request_key)}&model_id=${String(noVersion.body.model_id)}`,
    );

    expect(v1.cycle).toMatchObject({ status: 'accepted', version: '1.0', model_id: 1 });
    expect(noVersion.body).toMatchObject({ status: 'accepted', version: '2.0', model_id: 2 });
    // A 1.0 worker asking without a version means 2.0, which its id was not issued for.
    expect(emptyVersion.body).toMatchObject({ status: 'rejected', reason: 'unauthorized' });
    expect(crossVersion.body).toMatchObject({ status: 'rejected', reason: 'unauthorized' });
    expect(Array.from(stateArrays(latestModel.bytes)[0]!)).toEqual([10, 20, 30]);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit'))[0]!)).toEqual([10, 20, 30]);
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit', { version: '1.0' }))[0]!)).toEqual(
      [1, 2, 3],
    );
  });

  it('folds each version’s reports into its own process only', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ version: '1.0', serverConfig: { cycle_length: 3600, max_diffs: 1 } }),
    );
    await host(
      grid,
      hostData({ version: '2.0', serverConfig: { cycle_length: 3600, max_diffs: 1 } }),
    );
    const v1 = await joinCycle(grid, 'bandit', '1.0');
    const v2 = await joinCycle(grid, 'bandit', '2.0');

    await sendReport(grid, v1, [1, 1, 1]);
    await sendReport(grid, v2, [-1, -1, -1]);

    expect(Array.from(stateArrays(await retrieve(grid, 'bandit', { version: '1.0' }))[0]!)).toEqual(
      [0, 1, 2],
    );
    expect(Array.from(stateArrays(await retrieve(grid, 'bandit', { version: '2.0' }))[0]!)).toEqual(
      [2, 3, 4],
    );
    expect((await cycles(grid, 1))[0]).toMatchObject({ reports: 1, status: 'completed' });
    expect((await cycles(grid, 2))[0]).toMatchObject({ reports: 1, status: 'completed' });
  });
});
