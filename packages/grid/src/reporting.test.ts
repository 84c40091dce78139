import {
  bytesToBase64,
  bytesToHex,
  decodeState,
  encodePlan,
  encodeState,
  TensorSerializer,
  arraysFromState,
} from '@syft-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanBuilder } from '../../core/src/plan/plan-builder.test-helper.js';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  vectorBytes,
  type TestGrid,
} from './grid.test-helper.js';

const report = (grid: TestGrid, body: Record<string, unknown>) =>
  postJson(`${grid.url}/model-centric/report`, body);

async function latest(grid: TestGrid): Promise<number[]> {
  const bytes = await getBytes(`${grid.url}/model-centric/retrieve-model?name=bandit`, {
    authorization: `Bearer ${grid.ownerToken}`,
  });
  return Array.from(arraysFromState(decodeState(bytes.bytes))[0]!.values);
}

async function cycles(grid: TestGrid): Promise<Record<string, unknown>[]> {
  return (await (await fetch(`${grid.url}/api/processes/1/cycles`)).json()) as Record<
    string,
    unknown
  >[];
}

/** An iterative averaging plan for a one-tensor [3] model: (avg·num + item) / (num + 1). */
function runningMeanPlan(): string {
  const b = new PlanBuilder();
  const plan = b.plan(
    'avg_plan',
    [
      ['avg', [3]],
      ['item', [3]],
      ['num', [1]],
    ],
    [
      { out: 'scaled', command: 'tf.mul', args: ['avg', 'num'] },
      { out: 'summed', command: 'tf.add', args: ['scaled', 'item'] },
      { out: 'count', command: 'tf.add', args: ['num', 1] },
      { out: 'mean', command: 'tf.div', args: ['summed', 'count'] },
    ],
    ['mean'],
  );
  return bytesToHex(encodePlan(plan));
}

describe('reports (D5, D6, D12)', () => {
  let grid: TestGrid;
  afterEach(async () => {
    await grid.stop();
  });

  it('weights FedAvg by num_samples and plain-averages reports without it', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 60, max_diffs: 3 } }));
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    const c = await joinCycle(grid);

    await report(grid, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [3, 0, 0])]),
      num_samples: 3,
    });
    await report(grid, {
      worker_id: b.workerId,
      request_key: b.cycle.request_key,
      diff: diffBase64([param([3], [0, 6, 0])]),
      num_samples: 1,
    });
    await report(grid, {
      worker_id: c.workerId,
      request_key: c.cycle.request_key,
      diff: diffBase64([param([3], [0, 0, 5])]),
    });

    // weights 3, 1, 1 → average diff [9/5, 6/5, 5/5]
    const after = await latest(grid);
    expect(after[0]).toBeCloseTo(1 - 1.8, 5);
    expect(after[1]).toBeCloseTo(2 - 1.2, 5);
    expect(after[2]).toBeCloseTo(3 - 1, 5);
  });

  it('refuses a duplicate report with 409 and a report for a closed cycle with 410, changing nothing', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 60, max_diffs: 2 } }));
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    const c = await joinCycle(grid);
    const first = {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [2, 2, 2])]),
    };

    await report(grid, first);
    const duplicate = await report(grid, {
      ...first,
      diff: diffBase64([param([3], [100, 100, 100])]),
    });
    await report(grid, {
      worker_id: b.workerId,
      request_key: b.cycle.request_key,
      diff: diffBase64([param([3], [0, 0, 0])]),
    });
    const closed = await report(grid, {
      worker_id: c.workerId,
      request_key: c.cycle.request_key,
      diff: diffBase64([param([3], [100, 100, 100])]),
    });

    expect(duplicate).toEqual({
      status: 409,
      body: { error: 'A report was already accepted for this request key.' },
    });
    expect(closed.status).toBe(410);
    expect(await latest(grid)).toEqual([0, 1, 2]);
    const [cycle1, cycle2] = await cycles(grid);
    expect(cycle1).toMatchObject({ status: 'completed', reports: 2, checkpoint_number: 2 });
    expect(cycle2).toMatchObject({ status: 'open', reports: 0 });
  });

  it('validates each diff and names the tensor and the mismatch (400)', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ model: [param([3], [1, 2, 3]), param([2, 2], [1, 1, 1, 1])] }));
    const a = await joinCycle(grid);
    const send = (diff: string) =>
      report(grid, { worker_id: a.workerId, request_key: a.cycle.request_key, diff });
    const float64 = encodeState({
      placeholders: [],
      tensors: [
        {
          kind: 'tensor',
          tensor: {
            data: {
              shape: [3],
              dtype: 'float32',
              values: new Float32Array(3),
              isQuantized: false,
              scale: 0,
              zeroPoint: 0,
            },
            tags: [],
            description: '',
            serializer: TensorSerializer.ALL,
          },
        },
        {
          kind: 'tensor',
          tensor: {
            data: {
              shape: [2, 2],
              dtype: 'float64',
              values: new Float64Array(4),
              isQuantized: false,
              scale: 0,
              zeroPoint: 0,
            },
            tags: [],
            description: '',
            serializer: TensorSerializer.ALL,
          },
        },
      ],
    });

    const count = await send(diffBase64([param([3], [0, 0, 0])]));
    const shape = await send(diffBase64([param([3], [0, 0, 0]), param([4], [0, 0, 0, 0])]));
    const dtype = await send(bytesToBase64(float64));
    const nan = await send(
      diffBase64([param([3], [0, 0, 0]), param([2, 2], [0, Number.NaN, 0, 0])]),
    );
    const garbage = await send('AAECAwQ=');
    const notBase64 = await send('%%%');
    const valid = await send(diffBase64([param([3], [0, 0, 0]), param([2, 2], [0, 0, 0, 0])]));

    expect(count).toEqual({ status: 400, body: { error: 'diff has 1 tensors, expected 2' } });
    expect(shape).toEqual({
      status: 400,
      body: { error: 'diff tensor 1: expected shape [2,2], got [4]' },
    });
    expect(dtype).toEqual({
      status: 400,
      body: { error: 'diff tensor 1: expected dtype float32, got float64' },
    });
    expect(nan).toEqual({
      status: 400,
      body: { error: 'diff tensor 1: value at 1 is not finite' },
    });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toMatch(/^diff is not a valid State/);
    expect(notBase64).toEqual({ status: 400, body: { error: "'diff' is not valid base64" } });
    expect(valid).toEqual({ status: 200, body: { status: 'success' } });
  });

  it('refuses a report with a wrong request key (401) or unknown worker (404)', async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    const diff = diffBase64([param([3], [0, 0, 0])]);

    const wrongKey = await report(grid, {
      worker_id: a.workerId,
      request_key: b.cycle.request_key,
      diff,
    });
    const unknown = await report(grid, {
      worker_id: 'ghost',
      request_key: a.cycle.request_key,
      diff,
    });
    const badSamples = await report(grid, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff,
      num_samples: 0,
    });

    expect(wrongKey).toEqual({ status: 401, body: { error: 'Invalid request key!' } });
    expect(unknown).toEqual({ status: 404, body: { error: 'Worker ID not found!' } });
    expect(badSamples.status).toBe(400);
    expect(badSamples.body.error).toMatch(/^'num_samples' is invalid/);
  });

  it('applies an iterative averaging plan one diff at a time (section 4.9)', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({
        averagingPlan: runningMeanPlan(),
        serverConfig: { cycle_length: 60, max_diffs: 3, iterative_plan: true },
      }),
    );
    const workers = [await joinCycle(grid), await joinCycle(grid), await joinCycle(grid)];

    for (const [i, w] of workers.entries()) {
      await report(grid, {
        worker_id: w.workerId,
        request_key: w.cycle.request_key,
        diff: diffBase64([param([3], [i * 3, 0, 3])]),
      });
    }

    // running mean of [0,0,3], [3,0,3], [6,0,3] = [3, 0, 3]
    const after = await latest(grid);
    expect(after[0]).toBeCloseTo(-2, 5);
    expect(after[1]).toBeCloseTo(2, 5);
    expect(after[2]).toBeCloseTo(0, 5);
  });

  it('refuses a non-iterative averaging plan at host time', async () => {
    grid = await startTestGrid();

    const reply = await postJson(
      `${grid.url}/model-centric/host-training`,
      hostData({ averagingPlan: bytesToHex(vectorBytes('BANDIT_SIMPLE_PLAN')) }),
      { authorization: `Bearer ${grid.ownerToken}` },
    );

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^A non-iterative averaging plan is not supported/);
  });
});
