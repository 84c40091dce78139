import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridConnectionError, GridError } from './errors.js';
import {
  BATCH_SIZE,
  hostMnist,
  requestOutcome,
  retrieveModel,
  startTestGrid,
  stateValues,
  tensorValues,
  trainingSpecs,
  type TestGrid,
} from './grid-cycle.test-helper.js';
import { loadMnist } from './mnist.test-helper.js';
import { Syft } from './syft.js';
import type { SyftModel } from './syft-model.js';

let grid: TestGrid;
let mnist: { data: tf.Tensor2D; target: tf.Tensor2D };

beforeAll(async () => {
  await tf.setBackend('wasm');
  grid = await startTestGrid();
  mnist = loadMnist(BATCH_SIZE * 4);
});

afterAll(async () => {
  tf.dispose([mnist.data, mnist.target]);
  await grid.stop();
});

const transports = [
  ['ws', () => grid.wsUrl],
  ['http', () => grid.url],
] as const;

describe.each(transports)('a worker over %s', (transport, gridUrl) => {
  function worker(): Syft {
    return new Syft({ url: gridUrl(), verbose: true, logLevel: 'silent' });
  }

  it('authenticates, trains the hosted plan on real MNIST for one cycle and reports; the checkpoint changes', async () => {
    const name = `mnist-${transport}-cycle`;
    await hostMnist(grid, name, { num_cycles: 2, max_diffs: 1 });
    const before = stateValues(await retrieveModel(grid, name));
    const syft = worker();
    const job = syft.newJob({ modelName: name, modelVersion: '1.0.0' });
    let trained: Float32Array[] = [];
    let batches = 0;

    const outcome = await requestOutcome(job, async ({ model, clientConfig }) => {
      expect(clientConfig.batch_size).toBe(BATCH_SIZE);
      const trainer = job.train('training_plan', { ...trainingSpecs, ...mnist });
      trainer.on('batchEnd', () => void batches++);
      await trainer.start();
      const current = trainer.currentModel as SyftModel;
      trained = tensorValues(current.params);
      const diff = await model.createSerializedDiffFromModel(current);
      await job.report(diff, { numSamples: BATCH_SIZE * 4 });
      trainer.dispose();
    });

    expect(outcome.event).toBe('accepted');
    expect(batches).toBe(4);
    const after = stateValues(await retrieveModel(grid, name));
    expect(after).toHaveLength(before.length);
    // One report with max_diffs 1: the new checkpoint is old − diff = the trained parameters.
    after.forEach((values, i) => {
      const expected = trained[i] as Float32Array;
      let worst = 0;
      values.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - (expected[j] as number)))));
      expect(worst).toBeLessThan(1e-5);
      expect(values).not.toEqual(before[i]);
    });
    syft.close();
  });

  it('is rejected with a timeout in seconds and the reason when the cycle is full', async () => {
    const name = `mnist-${transport}-full`;
    await hostMnist(grid, name, { num_cycles: 2, max_workers: 1, max_diffs: 1 });
    const syft = worker();

    const first = await requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' }));
    const second = await requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' }));

    expect(first.event).toBe('accepted');
    expect(second.event).toBe('rejected');
    const { timeout, reason } = (second as { payload: { timeout: number; reason: string } })
      .payload;
    expect(typeof timeout).toBe('number');
    expect(timeout).toBeGreaterThan(0);
    expect(timeout).toBeLessThanOrEqual(3600);
    expect(reason).toBe('cycle_full');
    syft.close();
  });

  it('is rejected with a null timeout once the process has finished', async () => {
    const name = `mnist-${transport}-done`;
    await hostMnist(grid, name, { num_cycles: 1, max_diffs: 1 });
    const syft = worker();
    const job = syft.newJob({ modelName: name, modelVersion: '1.0.0' });
    await requestOutcome(job, async ({ model }) => {
      await job.report(await model.createSerializedDiff(model.params));
    });

    const late = await requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' }));

    expect(late.event).toBe('rejected');
    expect((late.payload as { timeout: unknown }).timeout).toBeNull();
    expect((late.payload as { reason: unknown }).reason).toBe('process_complete');
    syft.close();
  });

  it('fires error with a GridError for a bad auth token', async () => {
    const name = `mnist-${transport}-auth`;
    await hostMnist(grid, name, { num_cycles: 1, authentication: { secret: 'abc' } });
    const syft = worker();

    const outcome = await requestOutcome(
      syft.newJob({ modelName: name, modelVersion: '1.0.0', authToken: 'not-a-jwt' }),
    );

    expect(outcome.event).toBe('error');
    expect(outcome.payload).toBeInstanceOf(GridError);
    expect((outcome.payload as Error).message).toContain("The 'auth_token' you sent is invalid.");
    syft.close();
  });

  it('fires error with a GridError for an unknown model', async () => {
    const syft = worker();

    const outcome = await requestOutcome(
      syft.newJob({ modelName: 'no-such-model', modelVersion: '9' }),
    );

    expect(outcome.event).toBe('error');
    expect(outcome.payload).toBeInstanceOf(GridError);
    expect((outcome.payload as Error).message).toMatch(
      /^Grid error: model-centric\/authenticate failed/,
    );
    syft.close();
  });

  it('fires error with a GridConnectionError when the grid is down', async () => {
    const down = await startTestGrid();
    const url = transport === 'ws' ? down.wsUrl : down.url;
    await down.stop();
    const syft = new Syft({ url, verbose: true, logLevel: 'silent' });

    const outcome = await requestOutcome(syft.newJob({ modelName: 'mnist' }));

    expect(outcome.event).toBe('error');
    expect(outcome.payload).toBeInstanceOf(GridConnectionError);
    expect((outcome.payload as Error).message).toMatch(/could not (reach|connect)/);
    syft.close();
  });
});
