import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostData, postJson, startTestGrid, type TestGrid } from '../src/grid.test-helper.js';
import { expectNoLeak, observableState } from './suite.test-helper.js';

describe('server_config numbers the grid cannot schedule are refused at host time', () => {
  let grid: TestGrid;
  beforeAll(async () => {
    grid = await startTestGrid();
  });
  afterAll(async () => {
    await grid.stop();
  });

  it.each([1e308, Number.MAX_SAFE_INTEGER, 4e8])(
    'refuses cycle_length %d seconds (beyond ten years) and the dashboard keeps working',
    async (cycleLength) => {
      const reply = await postJson(
        `${grid.url}/model-centric/host-training`,
        hostData({ name: `long-${cycleLength}`, serverConfig: { cycle_length: cycleLength } }),
        { authorization: `Bearer ${grid.ownerToken}` },
      );
      const processes = await fetch(`${grid.url}/api/processes`);

      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatch(/^server_config\.cycle_length is invalid/);
      expectNoLeak(JSON.stringify(reply.body));
      expect(processes.status).toBe(200);
      expect(await processes.json()).toEqual([]);
    },
  );

  it('accepts ten years and lists the cycle with its deadline', async () => {
    const reply = await postJson(
      `${grid.url}/model-centric/host-training`,
      hostData({ name: 'decade', serverConfig: { cycle_length: 315_360_000 } }),
      { authorization: `Bearer ${grid.ownerToken}` },
    );
    const state = await observableState(grid);

    expect(reply.status).toBe(200);
    expect(state).toContain('"deadline":"20');
  });
});
