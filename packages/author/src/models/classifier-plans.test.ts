import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { runEagerly } from '../eager-runner.test-helper.js';
import { initialParams } from './init.js';
import { mnistMlpModel } from './mlp.js';
import { trainingPlan } from './classifier-plans.js';

function eagerStep(x: tf.Tensor, y: tf.Tensor, bs: tf.Tensor, lr: tf.Tensor, params: tf.Tensor[]) {
  const f = (...p: tf.Tensor[]) => {
    const [w1, b1, w2, b2] = p as tf.Tensor2D[];
    const h = tf.relu(tf.add(tf.matMul(x as tf.Tensor2D, tf.transpose(w1!)), b1!));
    const logits = tf.add(tf.matMul(h as tf.Tensor2D, tf.transpose(w2!)), b2!);
    return tf.div(tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits)))), bs) as tf.Scalar;
  };
  const { value, grads } = tf.valueAndGrads(f)(params);
  return [value, ...params.map((p, i) => tf.sub(p, tf.mul(lr, grads[i]!)))];
}

describe('MNIST MLP training plan', () => {
  it('matches an eager tfjs SGD step within 1e-6', async () => {
    await tf.setBackend('cpu');
    const model = mnistMlpModel();
    const params = initialParams(model.params, 7);
    const x = tf.randomUniform([64, 784], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32', 2), 10).toFloat();
    const bs = tf.tensor1d([64]);
    const lr = tf.tensor1d([0.1]);

    const [loss, acc, ...got] = runEagerly(trainingPlan(model), [x, y, bs, lr, ...params]);
    const [wantLoss, ...want] = eagerStep(x, y, bs, lr, params);

    expect(acc!.shape).toEqual([1]);
    expect(Math.abs(loss!.dataSync()[0]! - wantLoss!.dataSync()[0]!)).toBeLessThan(1e-6);
    got.forEach((t, i) => {
      expect(tf.max(tf.abs(tf.sub(t, want[i]!))).dataSync()[0]).toBeLessThan(1e-6);
    });
  });
});
