import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { encodePlan } from '@syft-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSyftJsPlan } from '../../../../test-support/syftjs/run-syftjs-plan.mjs';
import { interpret, maxAbsError } from '../interpret.test-helper.js';
import { mnistCnn } from './builders.js';

const BATCH = 16;

describe('the small MNIST CNN', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lowers the loss over a few SGD steps on random data, on the wasm backend', () => {
    const built = mnistCnn({ seed: 5, batchSize: BATCH });
    const x = tf.randomUniform([BATCH, 784], 0, 1, 'float32', 21);
    const y = tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 22), 10).toFloat();
    const bs = tf.tensor1d([BATCH]);
    const lr = tf.tensor1d([0.05]);
    let params = built.params;
    const losses: number[] = [];

    for (let step = 0; step < 6; step++) {
      const [loss, , ...next] = interpret(built.trainingPlan, [x, y, bs, lr, ...params]);
      losses.push(loss!.dataSync()[0]!);
      params = next;
    }

    expect(tf.getBackend()).toBe('wasm');
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses.at(-1)!).toBeLessThan(0.9 * losses[0]!);
  });

  it('published syft.js executes the CNN training plan on wasm with the same outputs', async () => {
    const built = mnistCnn({ seed: 6, batchSize: 4 });
    const x = tf.randomUniform([4, 784], 0, 1, 'float32', 31);
    const y = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), 10).toFloat();
    const inputs = [x, y, tf.tensor1d([4]), tf.tensor1d([0.1]), ...built.params];
    const expected = interpret(built.trainingPlan, inputs);

    const outputs = await runSyftJsPlan(
      encodePlan(built.trainingPlan),
      inputs.map((t) => ({ shape: t.shape, values: t.dataSync() })),
      { backend: 'wasm' },
    );

    outputs.forEach((out, i) => {
      expect(maxAbsError(tf.tensor(out.values, out.shape), expected[i]!)).toBeLessThan(1e-5);
    });
  });
});
