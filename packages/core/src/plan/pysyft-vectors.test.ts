import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { tensorsFromState } from '../tensor/state-tensors.js';
import { decodePlan, encodePlan } from '../wire/plan-codec.js';
import { decodeState } from '../wire/state-codec.js';
import { compilePlan, executePlan } from './compile-plan.js';
import { PlanExecutionError } from './errors.js';
import { vectorBytes } from '../../../../test-support/vectors/index.js';
import { buildMnistPlan } from './mnist-plan.test-helper.js';

const vector = vectorBytes;

function close(t: tf.Tensor | undefined, expected: number[]): void {
  const got = Array.from(t?.dataSync() ?? []);
  expect(got).toHaveLength(expected.length);
  got.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 5));
}

describe.each(['cpu', 'wasm'])('PySyft plan vectors on %s', (backend) => {
  let baseline = 0;

  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
  });

  afterEach(() => {
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('PLAN_WITH_STATE computes abs(x + [4.2, 7.3])', () => {
    baseline = tf.memory().numTensors;
    const x = tf.tensor2d([
      [-10, 1],
      [2, -20],
    ]);

    const [out] = executePlan(decodePlan(vector('PLAN_WITH_STATE')), [x]);

    expect(out?.shape).toEqual([2, 2]);
    close(out, [5.8, 8.3, 6.2, 12.7]);
    tf.dispose([x, out]);
  });

  it('PLAN_WITH_STATE refuses a [3,3] input with a clear error', () => {
    baseline = tf.memory().numTensors;
    const plan = compilePlan(decodePlan(vector('PLAN_WITH_STATE')));
    const x = tf.ones([3, 3]);

    expect(() => plan.execute([x])).toThrow(
      /input 0 \(placeholder \d+\) expects shape \[2, 2\], got shape \[3, 3\]/,
    );

    tf.dispose(x);
    plan.dispose();
  });

  it('PLAN_WITH_STATE with shape checks off fails in tfjs broadcasting, wrapped', () => {
    baseline = tf.memory().numTensors;
    const plan = compilePlan(decodePlan(vector('PLAN_WITH_STATE')), { checkInputShapes: false });
    const x = tf.ones([3, 3]);

    expect(() => plan.execute([x])).toThrow(PlanExecutionError);
    expect(() => plan.execute([x])).toThrow(/^action 0 \(tf\.add\) failed: .*broadcast/);

    tf.dispose(x);
    plan.dispose();
  });

  it('BANDIT_SIMPLE_PLAN gives means·(n−1)/n + reward/n with the MODEL_PARAMS means', () => {
    baseline = tf.memory().numTensors;
    const [means] = tensorsFromState(decodeState(vector('BANDIT_SIMPLE_MODEL_PARAMS')));
    const reward = tf.tensor1d([1, 0, 1]);
    const n = tf.tensor1d([2, 4, 5]);

    const [newMeans] = executePlan(decodePlan(vector('BANDIT_SIMPLE_PLAN')), [
      reward,
      n,
      means as tf.Tensor,
    ]);

    close(newMeans, [(1 * 1) / 2 + 1 / 2, (2 * 3) / 4 + 0 / 4, (3 * 4) / 5 + 1 / 5]);
    tf.dispose([reward, n, means, newMeans]);
  });

  it('BANDIT_THOMPSON_PLAN gives alphas + reward and betas + samples − reward', () => {
    baseline = tf.memory().numTensors;
    const [alphas, betas] = tensorsFromState(decodeState(vector('BANDIT_THOMPSON_MODEL_PARAMS')));
    const reward = tf.tensor1d([1, 0, 1]);
    const samples = tf.tensor1d([1, 1, 1]);

    const outs = executePlan(decodePlan(vector('BANDIT_THOMPSON_PLAN')), [
      reward,
      samples,
      alphas as tf.Tensor,
      betas as tf.Tensor,
    ]);

    expect(outs).toHaveLength(2);
    close(outs[0], [2, 1, 2]);
    close(outs[1], [1, 2, 1]);
    tf.dispose([reward, samples, alphas, betas, ...outs]);
  });

  it('runs our MNIST plan reproduction after encode → decode with identical results', () => {
    baseline = tf.memory().numTensors;
    const original = buildMnistPlan();
    const decoded = decodePlan(encodePlan(original));
    const inputs = tf.tidy(() => [
      tf.randomUniform([64, 784], 0, 1, 'float32', 1),
      tf.oneHot(tf.randomUniform([64], 0, 10, 'int32', 2), 10).toFloat(),
      tf.tensor1d([64]),
      tf.tensor1d([0.1]),
      tf.randomUniform([392, 784], -0.03, 0.03, 'float32', 3),
      tf.randomUniform([392], -0.03, 0.03, 'float32', 4),
      tf.randomUniform([10, 392], -0.05, 0.05, 'float32', 5),
      tf.randomUniform([10], -0.05, 0.05, 'float32', 6),
    ]);

    const want = executePlan(original, inputs);
    const got = executePlan(decoded, inputs);

    expect(decoded.role?.actions).toHaveLength(95);
    got.forEach((g, i) =>
      expect(Array.from(g.dataSync())).toEqual(Array.from(want[i]?.dataSync() ?? [])),
    );
    tf.dispose([...got, ...want, ...inputs]);
  });
});
