import * as tf from '@tensorflow/tfjs';
import { mnistMlp } from '@syft-ts/author';
import { selectBackend } from '@syft-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GridConnectionError, GridError } from './errors.js';
import { hostTraining } from './host-training.js';
import type { SocketLike } from './ws-socket.js';
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
  await selectBackend('wasm');
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
    // syft.js's MNIST example model (784-392-10), as @syft-ts/author builds it.
    await hostMnist(
      grid,
      name,
      { num_cycles: 2, max_diffs: 1 },
      mnistMlp({ batchSize: BATCH_SIZE }),
    );
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

  it('refuses a second report for the same cycle with a GridError and keeps the first', async () => {
    const name = `mnist-${transport}-twice`;
    await hostMnist(grid, name, { num_cycles: 2, max_diffs: 2 });
    const syft = worker();
    const job = syft.newJob({ modelName: name, modelVersion: '1.0.0' });
    let second: unknown;

    await requestOutcome(job, async ({ model }) => {
      const diff = await model.createSerializedDiff(model.params);
      await job.report(diff);
      second = await job.report(diff).catch((error: unknown) => error);
    });

    expect(second).toBeInstanceOf(GridError);
    expect((second as Error).message).toMatch(/^Grid error: model-centric\/report failed/);
    syft.close();
  });

  it('runs the speed test when the grid asks for it and is admitted', async () => {
    const name = `mnist-${transport}-speed`;
    await hostMnist(grid, name, {
      num_cycles: 1,
      minimum_download_speed: 0,
      minimum_upload_speed: 0,
    });
    const syft = worker();
    const measured: number[] = [];
    const measure = syft.measureSpeed.bind(syft);
    syft.measureSpeed = async (workerId) => {
      const speed = await measure(workerId);
      measured.push(speed.pingMs, speed.downloadMbps, speed.uploadMbps);
      return speed;
    };

    const outcome = await requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' }));

    expect(outcome.event).toBe('accepted');
    expect(measured).toHaveLength(3);
    expect(measured.every((value) => Number.isFinite(value) && value > 0)).toBe(true);
    syft.close();
  });

  it('is rejected as bandwidth_too_low when the measured speed is under the minimum', async () => {
    const name = `mnist-${transport}-slow`;
    await hostMnist(grid, name, { num_cycles: 1, minimum_download_speed: 1e9 });
    const syft = worker();

    const outcome = await requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' }));

    expect(outcome.event).toBe('rejected');
    expect((outcome.payload as { reason: unknown }).reason).toBe('bandwidth_too_low');
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

describe('jobs of one worker over ws', () => {
  it('share one WebSocket', async () => {
    const name = 'mnist-shared-socket';
    await hostMnist(grid, name, { num_cycles: 1, max_workers: 2, max_diffs: 2 });
    let sockets = 0;
    const syft = new Syft({
      url: grid.wsUrl,
      verbose: true,
      logLevel: 'silent',
      socketFactory: async (url) => {
        sockets++;
        const { WebSocket } = await import('ws');
        return new WebSocket(url) as unknown as SocketLike;
      },
    });

    const outcomes = await Promise.all([
      requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' })),
      requestOutcome(syft.newJob({ modelName: name, modelVersion: '1.0.0' })),
    ]);

    expect(outcomes.map((o) => o.event)).toEqual(['accepted', 'accepted']);
    expect(sockets).toBe(1);
    syft.close();
  });
});

describe('a failing accepted listener', () => {
  it('is reported through the error event', async () => {
    const name = 'mnist-listener-fails';
    await hostMnist(grid, name, { num_cycles: 1 });
    const syft = new Syft({ url: grid.url, verbose: true, logLevel: 'silent' });
    const job = syft.newJob({ modelName: name, modelVersion: '1.0.0' });

    const error = await new Promise<Error>((resolve) => {
      job.on('accepted', async () => {
        await Promise.resolve();
        throw new Error('training crashed');
      });
      job.on('error', resolve);
      void job.start();
    });

    expect(error.message).toBe('training crashed');
    syft.close();
  });
});

describe('hostTraining', () => {
  it('refuses a wrong owner token with a GridError', async () => {
    await expect(
      hostTraining(grid.wsUrl, 'not-the-owner', {
        name: 'mnist-intruder',
        version: '1.0.0',
        model: new Uint8Array(0),
        plans: { training_plan: new Uint8Array([1]) },
        clientConfig: {},
        serverConfig: { cycle_length: 60 },
        verbose: true,
      }),
    ).rejects.toThrow(GridError);
  });

  it("passes the grid's message on when the process already exists", async () => {
    await hostMnist(grid, 'mnist-twice', { num_cycles: 1 });

    await expect(hostMnist(grid, 'mnist-twice', { num_cycles: 1 })).rejects.toThrow(
      /Grid error: model-centric\/host-training failed: FL Process already exists\./,
    );
  });
});
