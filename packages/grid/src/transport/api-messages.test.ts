import { afterEach, describe, expect, it } from 'vitest';

import {
  getBytes,
  host,
  hostData,
  postJson,
  startTestGrid,
  type TestGrid,
} from '../grid.test-helper.js';

const grids: TestGrid[] = [];
afterEach(async () => {
  await Promise.all(grids.splice(0).map((grid) => grid.stop()));
});

async function gridWithProcess(): Promise<TestGrid> {
  const grid = await startTestGrid();
  grids.push(grid);
  await host(grid, hostData());
  return grid;
}

describe('messages of the /api/processes routes and of retrieve-model', () => {
  it('names the unknown process id in a 404', async () => {
    const grid = await gridWithProcess();
    const owner = { authorization: `Bearer ${grid.ownerToken}` };

    const cycles = await getBytes(`${grid.url}/api/processes/999/cycles`);
    const evaluations = await getBytes(`${grid.url}/api/processes/999/evaluations`);
    const record = await postJson(
      `${grid.url}/api/processes/999/checkpoints/1/evaluation`,
      { accuracy: 0.5 },
      owner,
    );

    expect([cycles.status, cycles.json()]).toEqual([404, { error: 'no process 999' }]);
    expect([evaluations.status, evaluations.json()]).toEqual([404, { error: 'no process 999' }]);
    expect([record.status, record.body]).toEqual([404, { error: 'no process 999' }]);
  });

  it('refuses ids in exponent form and ids beyond the safe integers with a 400', async () => {
    const grid = await gridWithProcess();

    const exponent = await getBytes(`${grid.url}/api/processes/1e3/cycles`);
    const huge = await getBytes(`${grid.url}/api/processes/99999999999999999999/cycles`);

    expect(exponent.status).toBe(400);
    expect(exponent.json()).toEqual({ error: "'id' must be a non-negative integer, got '1e3'" });
    expect(huge.status).toBe(400);
    expect(huge.json().error).toContain("'id' must be a non-negative integer");
  });

  it("refuses a negative checkpoint number in retrieve-model with a 400 naming 'checkpoint'", async () => {
    const grid = await gridWithProcess();

    const reply = await getBytes(
      `${grid.url}/model-centric/retrieve-model?name=bandit&version=1.0&checkpoint=-1`,
      { authorization: `Bearer ${grid.ownerToken}` },
    );

    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({
      error: "'checkpoint' must be a non-negative integer, got '-1'",
    });
  });

  it('says what an empty evaluation lacks, without a misleading prefix', async () => {
    const grid = await gridWithProcess();

    const reply = await postJson(
      `${grid.url}/api/processes/1/checkpoints/1/evaluation`,
      {},
      { authorization: `Bearer ${grid.ownerToken}` },
    );

    expect(reply).toEqual({
      status: 400,
      body: { error: "an evaluation needs 'accuracy' or 'loss'" },
    });
  });
});
