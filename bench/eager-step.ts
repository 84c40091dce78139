/**
 * The floor of the training section: one SGD step of the 784-392-10 MLP written by hand in
 * eager tfjs, the same maths as the traced plan (forward, softmax cross-entropy averaged over
 * the batch, accuracy, analytic gradients, `param - lr * grad`), with no plan, no tape and no
 * interpreter. Every transposed operand is an explicit `tf.transpose` before `matMul`: on wasm,
 * `matMul`'s own transpose flags are several times slower.
 */
import * as tf from '@tensorflow/tfjs';
import type { StepInputs } from './mnist-mlp-fixture.js';

/**
 * Runs one step and returns `[loss, accuracy, w1, b1, w2, b2]` (the caller disposes them).
 * @param inputs - the batch, scalars and parameters `[w1 (392x784), b1, w2 (10x392), b2]`
 */
export function eagerSgdStep(inputs: StepInputs): tf.Tensor[] {
  return tf.tidy(() => {
    const { x, y, batchSize, lr } = inputs;
    const [w1, b1, w2, b2] = inputs.params as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];

    // Forward (torch layout: weights are [out, in], so x · Wᵀ).
    const pre = tf.add(tf.matMul(x, tf.transpose(w1)), b1);
    const hidden = tf.relu(pre);
    const logits = tf.add(tf.matMul(hidden, tf.transpose(w2)), b2);
    const logProbs = tf.logSoftmax(logits);
    const loss = tf.div(tf.neg(tf.sum(tf.mul(y, logProbs))), batchSize);
    const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
    const accuracy = tf.div(correct, batchSize);

    // Backward: d loss / d logits = (softmax - y) / batch.
    const dLogits = tf.div(tf.sub(tf.exp(logProbs), y), batchSize);
    const dW2 = tf.matMul(tf.transpose(dLogits), hidden);
    const dB2 = tf.sum(dLogits, 0);
    const dHidden = tf.mul(tf.matMul(dLogits, w2), tf.step(pre));
    const dW1 = tf.matMul(tf.transpose(dHidden), x);
    const dB1 = tf.sum(dHidden, 0);

    // SGD.
    const update = (p: tf.Tensor, g: tf.Tensor): tf.Tensor => tf.sub(p, tf.mul(lr, g));
    return [loss, accuracy, update(w1, dW1), update(b1, dB1), update(w2, dW2), update(b2, dB2)];
  });
}
