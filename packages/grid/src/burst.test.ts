import { arraysFromState, decodeState } from '@syft-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  param,
  postJson,
  startTestGrid,
  type TestGrid,
} from './grid.test-helper.js';

/** Bursts that land in one group-commit batch must obey every rule as if they came one by one. */
describe('bursts of concurrent requests', () => {
  const grids: TestGrid[] = [];
  afterEach(async () => {
    for (const g of grids.splice(0)) await g.stop();
  });

  const authenticate = async (grid: TestGrid): Promise<string> =>
    (
      await postJson(`${grid.url}/model-centric/authenticate`, {
        model_name: 'bandit',
        model_version: '1.0',
      })
    ).body.worker_id as string;

  it('admits exactly max_workers of 40 simultaneous cycle requests', async () => {
    const grid = await startTestGrid();
    grids.push(grid);
    await host(grid, hostData({ serverConfig: { max_workers: 7, max_diffs: 7 } }));
    const workerIds = await Promise.all(Array.from({ length: 40 }, () => authenticate(grid)));

    const replies = await Promise.all(
      workerIds.map((id) =>
        postJson(`${grid.url}/model-centric/cycle-request`, {
          worker_id: id,
          model: 'bandit',
          version: '1.0',
        }),
      ),
    );
    const statuses = replies.map((r) => r.body.status);
    const keys = new Set(replies.map((r) => r.body.request_key).filter((k) => k !== undefined));

    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(7);
    expect(replies.filter((r) => r.body.reason === 'cycle_full')).toHaveLength(33);
    expect(keys.size).toBe(7);
  });

  it('counts one of several simultaneous reports with the same key; the others get 409', async () => {
    const grid = await startTestGrid();
    grids.push(grid);
    await host(grid, hostData({ serverConfig: { max_workers: 2, max_diffs: 2 } }));
    const workerIds = [await authenticate(grid), await authenticate(grid)];
    const keys: string[] = [];
    for (const id of workerIds) {
      const reply = await postJson(`${grid.url}/model-centric/cycle-request`, {
        worker_id: id,
        model: 'bandit',
        version: '1.0',
      });
      keys.push(reply.body.request_key as string);
    }
    const report = (i: number, value: number) =>
      postJson(`${grid.url}/model-centric/report`, {
        worker_id: workerIds[i],
        request_key: keys[i],
        diff: diffBase64([param([3], [value, value, value])]),
      });

    const first = await Promise.all([report(0, 1), report(0, 1), report(0, 1), report(0, 1)]);
    const second = await report(1, 3);
    const latest = await getBytes(`${grid.url}/model-centric/retrieve-model?name=bandit`, {
      authorization: `Bearer ${grid.ownerToken}`,
    });
    const values = arraysFromState(decodeState(latest.bytes))[0]?.values;

    expect(first.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    expect(second.status).toBe(200);
    // Hosted [1, 2, 3] minus the mean of the two counted diffs (1 and 3): 2.
    expect(Array.from(values ?? [])).toEqual([-1, 0, 1]);
  });
});
