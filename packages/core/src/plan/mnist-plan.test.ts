import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compilePlan } from './compile-plan.js';
import type { CompiledPlan } from './compiled-plan.js';
import { buildMnistPlan } from './mnist-plan.test-helper.js';

interface Batch {
  X: tf.Tensor;
  y: tf.Tensor;
  bs: tf.Tensor;
  lr: tf.Tensor;
  params: tf.Tensor[];
}

function makeBatch(seed: number): Batch {
  const labels = tf.randomUniform([64], 0, 10, 'int32', seed);
  const bound1 = 1 / Math.sqrt(784);
  const bound2 = 1 / Math.sqrt(392);
  const batch = {
    X: tf.randomUniform([64, 784], 0, 1, 'float32', seed + 1),
    y: tf.oneHot(labels, 10).toFloat(),
    bs: tf.tensor1d([64]),
    lr: tf.tensor1d([0.1]),
    params: [
      tf.randomUniform([392, 784], -bound1, bound1, 'float32', seed + 2),
      tf.randomUniform([392], -bound1, bound1, 'float32', seed + 3),
      tf.randomUniform([10, 392], -bound2, bound2, 'float32', seed + 4),
      tf.randomUniform([10], -bound2, bound2, 'float32', seed + 5),
    ],
  };
  labels.dispose();
  return batch;
}

/** The same training step written by hand: forward, softmax cross-entropy, tf.grads, SGD. */
function eagerStep(b: Batch): tf.Tensor[] {
  return tf.tidy(() => {
    const logitsOf = (W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor): tf.Tensor => {
      const hidden = tf.relu(tf.add(b1, tf.matMul(b.X, tf.transpose(W1))));
      return tf.add(b2, tf.matMul(hidden, tf.transpose(W2)));
    };
    const lossOf = (W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor): tf.Tensor => {
      const logits = logitsOf(W1, b1, W2, b2);
      const logProbs = tf.sub(logits, tf.logSumExp(logits, 1, true));
      return tf.div(tf.neg(tf.sum(tf.mul(b.y, logProbs))), b.bs);
    };
    const [W1, b1, W2, b2] = b.params as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const { value, grads } = tf.valueAndGrads(lossOf)(b.params);
    const updated = b.params.map((p, i) => tf.sub(p, tf.mul(b.lr, grads[i] as tf.Tensor)));
    const hits = tf.equal(tf.argMax(logitsOf(W1, b1, W2, b2), 1), tf.argMax(b.y, 1));
    const acc = tf.div(tf.cast(tf.sum(hits), 'float32'), b.bs);
    return [value, acc, ...updated];
  });
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? NaN);
}

describe.each(['cpu', 'wasm'])('MNIST training plan on %s', (backend) => {
  let batch: Batch;
  let plan: CompiledPlan;

  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    batch = makeBatch(7);
    plan = compilePlan(buildMnistPlan());
  });

  afterAll(() => {
    plan.dispose();
    tf.dispose([batch.X, batch.y, batch.bs, batch.lr, ...batch.params]);
  });

  it('has the traced signature: 8 inputs, 6 outputs, recorded input shapes', () => {
    expect(plan.inputCount).toBe(8);
    expect(plan.outputCount).toBe(6);
    expect(plan.inputShapes[0]).toEqual([64, 784]);
    expect(plan.inputShapes[2]).toEqual([1]);
  });

  it('matches an eager tfjs training step (1e-6 on params, 1e-5 relative on loss)', () => {
    const inputs = [batch.X, batch.y, batch.bs, batch.lr, ...batch.params];

    const got = plan.execute(inputs);
    const want = eagerStep(batch);

    const [gotLoss, wantLoss] = [got[0]?.dataSync()[0] ?? NaN, want[0]?.dataSync()[0] ?? NaN];
    expect(Math.abs(gotLoss - wantLoss) / Math.abs(wantLoss)).toBeLessThan(1e-5);
    expect(got[1]?.dataSync()[0]).toBeCloseTo(want[1]?.dataSync()[0] ?? NaN, 6);
    for (let i = 2; i < 6; i += 1) {
      expect(got[i]?.shape).toEqual(want[i]?.shape);
      expect(maxAbsDiff(got[i] as tf.Tensor, want[i] as tf.Tensor)).toBeLessThan(1e-6);
      // The step is large enough that a missing update would fail the check above.
      expect(maxAbsDiff(got[i] as tf.Tensor, batch.params[i - 2] as tf.Tensor)).toBeGreaterThan(
        1e-4,
      );
    }
    tf.dispose([...got, ...want]);
  });

  it('accepts the batch size as a plain number and lr as a scalar tensor, as syft.js passes them', () => {
    const lr = tf.scalar(0.1);
    const withTensors = plan.execute([batch.X, batch.y, batch.bs, batch.lr, ...batch.params]);

    const withNumber = plan.execute([batch.X, batch.y, 64, lr, ...batch.params]);

    expect(withNumber[0]?.shape).toEqual([]);
    expect(withNumber[0]?.dataSync()[0]).toBeCloseTo(withTensors[0]?.dataSync()[0] ?? NaN, 6);
    expect(maxAbsDiff(withNumber[2] as tf.Tensor, withTensors[2] as tf.Tensor)).toBe(0);
    tf.dispose([lr, ...withTensors, ...withNumber]);
  });

  it('leaves no tensor behind after an execution', () => {
    const inputs = [batch.X, batch.y, 64, batch.lr, ...batch.params];
    const before = tf.memory().numTensors;

    tf.dispose(plan.execute(inputs));

    expect(tf.memory().numTensors).toBe(before);
  });

  it('merges the two gradient contributions of W1 and of W2 into one matrix product each', async () => {
    let outs: tf.Tensor[] = [];

    const profile = await tf.profile(() => {
      outs = plan.execute([batch.X, batch.y, 64, batch.lr, ...batch.params]);
    });

    // The trace has 8 matMuls; the two sums T(A·B) + T(A·C) of actions 78 and 80 become one each.
    expect(profile.kernels.filter((k) => k.name === 'BatchMatMul')).toHaveLength(6);
    tf.dispose(outs);
  });
});
