import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { interpret, maxAbsError, relativeError } from '../interpret.test-helper.js';
import { adam } from '../optimizers/adam.js';
import { sgdMomentum } from '../optimizers/momentum.js';
import { mnist2nn, mnistMlp } from './builders.js';

/** The MLP's loss, written eagerly: x·Wᵀ + b layers with ReLU, summed cross-entropy / bs. */
function eagerLoss(x: tf.Tensor, y: tf.Tensor, bs: tf.Tensor, params: tf.Tensor[]): tf.Scalar {
  let h = x as tf.Tensor2D;
  for (let i = 0; i < params.length; i += 2) {
    h = tf.add(tf.matMul(h, tf.transpose(params[i] as tf.Tensor2D)), params[i + 1]!);
    if (i + 2 < params.length) h = tf.relu(h);
  }
  return tf.div(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(h)))), bs).reshape([]) as tf.Scalar;
}

function batch(seed: number, size = 64): [tf.Tensor, tf.Tensor] {
  const x = tf.randomUniform([size, 784], 0, 1, 'float32', seed);
  const labels = tf.randomUniform([size], 0, 10, 'int32', seed + 1);
  return [x, tf.oneHot(labels, 10).toFloat()];
}

describe('classifier training plans', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('an MNIST 784-392-10 SGD step equals the eager tfjs step within 1e-6', () => {
    const built = mnistMlp({ seed: 7 });
    const [x, y] = batch(1);
    const bs = tf.tensor1d([64]);
    const lr = tf.tensor1d([0.1]);

    const [loss, acc, ...next] = interpret(built.trainingPlan, [x, y, bs, lr, ...built.params]);
    const { value, grads } = tf.valueAndGrads((...p: tf.Tensor[]) => eagerLoss(x, y, bs, p))(
      built.params,
    );
    const expected = built.params.map((p, i) => tf.sub(p, tf.mul(lr, grads[i]!)));

    expect(loss!.shape).toEqual([1]);
    expect(Math.abs(loss!.dataSync()[0]! - value.dataSync()[0]!)).toBeLessThan(1e-6);
    expect(acc!.shape).toEqual([1]);
    next.forEach((p, i) => expect(maxAbsError(p, expected[i]!)).toBeLessThan(1e-6));
    // The step did move the parameters (the comparison above is not trivially true).
    expect(maxAbsError(next[0]!, built.params[0]!)).toBeGreaterThan(1e-6);
  });

  it('accuracy counts argmax hits divided by the batch-size input', () => {
    const built = mnistMlp({ seed: 3, batchSize: 8 });
    const [x, y] = batch(5, 8);

    const [, acc] = interpret(built.evaluationPlan, [x, y, tf.tensor1d([8]), ...built.params]);
    const logitsHits = tf.tidy(() => {
      let h = x as tf.Tensor2D;
      const p = built.params;
      h = tf.relu(tf.add(tf.matMul(h, tf.transpose(p[0] as tf.Tensor2D)), p[1]!));
      h = tf.add(tf.matMul(h, tf.transpose(p[2] as tf.Tensor2D)), p[3]!);
      return tf.sum(tf.cast(tf.equal(tf.argMax(h, 1), tf.argMax(y, 1)), 'float32')).dataSync()[0]!;
    });

    expect(acc!.dataSync()[0]).toBeCloseTo(logitsHits / 8, 6);
  });

  it('the 2NN with momentum keeps its state across two steps like tf.train.momentum', () => {
    const built = mnist2nn({ seed: 2, batchSize: 16, optimizer: sgdMomentum(0.9) });
    const bs = tf.tensor1d([16]);
    const lr = tf.tensor1d([0.05]);
    const variables = built.params.map((p) => tf.variable(p.clone()));
    const reference = tf.train.momentum(0.05, Math.fround(0.9));
    let params = built.params;
    let state = built.optimizerState;

    for (const seed of [10, 20]) {
      const [x, y] = batch(seed, 16);
      const outputs = interpret(built.trainingPlan, [x, y, bs, lr, ...params, ...state]);
      params = outputs.slice(2, 2 + params.length);
      state = outputs.slice(2 + params.length);
      reference.minimize(() => eagerLoss(x, y, bs, variables), false, variables);
    }

    expect(state.length).toBe(params.length);
    params.forEach((p, i) => expect(relativeError(p, variables[i]!)).toBeLessThan(1e-5));
  });

  it('Adam over two steps matches tf.train.adam', () => {
    const built = mnistMlp({ seed: 4, batchSize: 16, optimizer: adam() });
    const bs = tf.tensor1d([16]);
    const lr = tf.tensor1d([0.001]);
    const variables = built.params.map((p) => tf.variable(p.clone()));
    const reference = tf.train.adam(0.001, Math.fround(0.9), Math.fround(0.999), Math.fround(1e-8));
    let params = built.params;
    let state = built.optimizerState;

    for (const seed of [30, 40]) {
      const [x, y] = batch(seed, 16);
      const outputs = interpret(built.trainingPlan, [x, y, bs, lr, ...params, ...state]);
      params = outputs.slice(2, 2 + params.length);
      state = outputs.slice(2 + params.length);
      reference.minimize(() => eagerLoss(x, y, bs, variables), false, variables);
    }

    expect(state.length).toBe(2 * params.length + 2);
    expect(state.at(-2)!.dataSync()[0]).toBeCloseTo(0.81, 6);
    // Adam divides by sqrt(v): where a gradient is ~eps, float32 rounding differences between
    // the two computations are amplified, so compare against the size of the step taken.
    params.forEach((p, i) => {
      const moved = maxAbsError(variables[i]!, built.params[i]!);
      expect(moved).toBeGreaterThan(1e-4);
      expect(maxAbsError(p, variables[i]!)).toBeLessThan(1e-2 * moved);
    });
  });
});
