import * as tf from '@tensorflow/tfjs';
import { encodePlan, selectBackend } from '@syft-ts/core';
import { initialParams, mlp, trainingPlan } from '@syft-ts/author';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { loadMnist } from './mnist.test-helper.js';
import { PlanInputSpec, PlanOutputSpec } from './plan-specs.js';
import { PlanTrainerCheckpoint } from './plan-trainer-checkpoint.js';
import { PlanTrainer, type PlanTrainerOptions } from './plan-trainer.js';
import { Plan } from './plan.js';
import { SyftModel } from './syft-model.js';

const BATCH = 16;
const model = mlp('tiny_mlp', [784, 16, 10]);
let plan: Plan;
let data: tf.Tensor2D;
let target: tf.Tensor2D;

const inputs = [
  new PlanInputSpec(PlanInputSpec.TYPE_DATA),
  new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
  new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
  new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
  new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
];
const outputs = [
  new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
  new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
  new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
];

function trainer(overrides: Partial<PlanTrainerOptions> = {}): PlanTrainer {
  return new PlanTrainer({
    worker: null,
    plan,
    inputs,
    outputs,
    model: new SyftModel(initialParams(model.params, 7)),
    data,
    target,
    epochs: 2,
    batchSize: BATCH,
    stepsPerEpoch: null,
    clientConfig: { lr: 0.1 },
    logger: createLogger('silent'),
    ...overrides,
  });
}

function maxAbsDifference(a: SyftModel, b: SyftModel): number {
  let worst = 0;
  a.params.forEach((param, i) => {
    const x = param.dataSync();
    const y = (b.params[i] as tf.Tensor).dataSync();
    for (let j = 0; j < x.length; j++)
      worst = Math.max(worst, Math.abs((x[j] as number) - (y[j] as number)));
  });
  return worst;
}

beforeAll(async () => {
  await selectBackend('wasm');
  plan = Plan.fromProtobuf('training_plan', encodePlan(trainingPlan(model, { batchSize: BATCH })));
  ({ data, target } = loadMnist(BATCH * 6));
});

afterAll(() => {
  plan.dispose();
  tf.dispose([data, target]);
});

describe('PlanTrainer', () => {
  it('trains real MNIST batches, reporting loss and accuracy, and changes the parameters', async () => {
    const run = trainer();
    const losses: number[] = [];
    const accuracies: number[] = [];
    run.on('batchEnd', ({ loss, metrics }) => {
      losses.push(loss as number);
      accuracies.push(metrics?.accuracy as number);
    });

    await run.start();

    expect(losses).toHaveLength(12);
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(accuracies.every((a) => a >= 0 && a <= 1)).toBe(true);
    expect((losses[11] as number) < (losses[0] as number)).toBe(true);
    expect(maxAbsDifference(run.originalModel, run.currentModel as SyftModel)).toBeGreaterThan(0);
    run.dispose();
    run.originalModel.dispose();
  });

  it('fires the events in order and honours stepsPerEpoch', async () => {
    const events: string[] = [];
    const run = trainer({
      stepsPerEpoch: 2,
      events: {
        start: () => void events.push('start'),
        epochStart: ({ epoch }) => void events.push(`epochStart ${epoch}`),
        batchStart: ({ epoch, batch }) => void events.push(`batchStart ${epoch}.${batch}`),
        batchEnd: ({ epoch, batch }) => void events.push(`batchEnd ${epoch}.${batch}`),
        epochEnd: ({ epoch }) => void events.push(`epochEnd ${epoch}`),
        end: () => void events.push('end'),
      },
    });

    await run.start();

    expect(events).toEqual([
      'start',
      'epochStart 0',
      'batchStart 0.0',
      'batchEnd 0.0',
      'batchStart 0.1',
      'batchEnd 0.1',
      'epochEnd 0',
      'epochStart 1',
      'batchStart 1.0',
      'batchEnd 1.0',
      'batchStart 1.1',
      'batchEnd 1.1',
      'epochEnd 1',
      'end',
    ]);
    run.dispose();
    run.originalModel.dispose();
  });

  it('leaks no tensors across epochs or after the run', async () => {
    const before = tf.memory().numTensors;
    const run = trainer({ epochs: 3 });
    const atEpochEnd: number[] = [];
    run.on('epochEnd', () => void atEpochEnd.push(tf.memory().numTensors));

    await run.start();
    run.dispose();
    run.originalModel.dispose();

    expect(new Set(atEpochEnd).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('ends with exactly the parameters of the plan run by hand on tf.slice batches', async () => {
    const run = trainer({ epochs: 1 });
    let params = run.originalModel.params.map((p) => p.clone());
    for (let batch = 0; batch < 6; batch++) {
      const x = tf.slice(data, batch * BATCH, BATCH);
      const y = tf.slice(target, batch * BATCH, BATCH);
      const [loss, accuracy, ...next] = await plan.execute(null, x, y, BATCH, 0.1, ...params);
      tf.dispose([x, y, loss as tf.Tensor, accuracy as tf.Tensor, ...params]);
      params = next;
    }
    const byHand = new SyftModel(params);

    await run.start();

    expect(maxAbsDifference(byHand, run.currentModel as SyftModel)).toBe(0);
    byHand.dispose();
    run.dispose();
    run.originalModel.dispose();
  });

  it('keeps tensor memory flat from batch to batch (no batch holds a copy of the data)', async () => {
    const run = trainer({ epochs: 1 });
    const bytesAtBatchEnd: number[] = [];
    run.on('batchEnd', () => void bytesAtBatchEnd.push(tf.memory().numBytes));

    await run.start();

    expect(bytesAtBatchEnd).toHaveLength(6);
    expect(new Set(bytesAtBatchEnd).size).toBe(1);
    run.dispose();
    run.originalModel.dispose();
  });

  it('stop, checkpoint, toJSON, fromJSON and resume end with the parameters of an uninterrupted run', async () => {
    const uninterrupted = trainer();
    await uninterrupted.start();

    const interrupted = trainer();
    let stopping: Promise<PlanTrainerCheckpoint> | undefined;
    interrupted.on('batchStart', ({ epoch, batch }) => {
      if (epoch === 1 && batch === 3) stopping = interrupted.stop();
    });
    await interrupted.start();
    const checkpoint = await (stopping as Promise<PlanTrainerCheckpoint>);
    const json: unknown = JSON.parse(JSON.stringify(await checkpoint.toJSON()));
    const restored = PlanTrainerCheckpoint.fromJSON(null, json);
    const resumed = trainer({ checkpoint: restored });
    const firstBatch: string[] = [];
    resumed.on('batchStart', ({ epoch, batch }) => void firstBatch.push(`${epoch}.${batch}`));

    expect(interrupted.stopped).toBe(true);
    expect([checkpoint.epoch, checkpoint.batch]).toEqual([1, 3]);
    await resumed.resume();

    expect(firstBatch[0]).toBe('1.3');
    expect(firstBatch).toHaveLength(3);
    expect(
      maxAbsDifference(uninterrupted.currentModel as SyftModel, resumed.currentModel as SyftModel),
    ).toBeLessThanOrEqual(1e-7);
    for (const t of [uninterrupted, interrupted, resumed]) {
      t.dispose();
      t.originalModel.dispose();
    }
    checkpoint.dispose();
    restored.dispose();
  });

  it('resumes the same trainer in place after stop()', async () => {
    const uninterrupted = trainer();
    await uninterrupted.start();
    const run = trainer();
    let stopping: Promise<PlanTrainerCheckpoint> | undefined;
    run.on('batchStart', ({ epoch, batch }) => {
      if (epoch === 0 && batch === 5 && stopping === undefined) stopping = run.stop();
    });

    await run.start();
    (await (stopping as Promise<PlanTrainerCheckpoint>)).dispose();
    await run.resume();

    expect(run.stopped).toBe(false);
    expect(
      maxAbsDifference(uninterrupted.currentModel as SyftModel, run.currentModel as SyftModel),
    ).toBe(0);
    for (const t of [uninterrupted, run]) {
      t.dispose();
      t.originalModel.dispose();
    }
  });

  it('refuses malformed checkpoints with a message naming the field', () => {
    expect(() => PlanTrainerCheckpoint.fromJSON(null, { epochs: 2 })).toThrow(/currentModelBase64/);
    expect(() =>
      PlanTrainerCheckpoint.fromJSON(null, {
        epochs: 0,
        batchSize: 1,
        epoch: 0,
        batch: 0,
        currentModelBase64: '',
      }),
    ).toThrow(/epochs/);
  });
});
