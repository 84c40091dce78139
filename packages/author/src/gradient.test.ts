import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { interpret, relativeError } from './interpret.test-helper.js';
import * as ops from './ops/index.js';
import type { SymbolicTensor } from './symbolic-tensor.js';
import { tracePlan } from './trace-plan.js';

/**
 * One differentiable op under test: the input shapes, the value range to draw inputs from, the
 * traced op and its eager tfjs twin.
 */
interface OpCase {
  name: string;
  shapes: number[][];
  range?: [number, number];
  traced: (...xs: SymbolicTensor[]) => SymbolicTensor;
  eager: (...xs: tf.Tensor[]) => tf.Tensor;
}

const cases: OpCase[] = [
  { name: 'add (broadcast)', shapes: [[3, 4], [4]], traced: ops.add, eager: tf.add },
  {
    name: 'sub (broadcast)',
    shapes: [
      [3, 1],
      [1, 4],
    ],
    traced: ops.sub,
    eager: tf.sub,
  },
  {
    name: 'mul (broadcast)',
    shapes: [
      [2, 3, 4],
      [3, 1],
    ],
    traced: ops.mul,
    eager: tf.mul,
  },
  {
    name: 'div',
    shapes: [
      [3, 4],
      [3, 4],
    ],
    range: [0.5, 2],
    traced: ops.div,
    eager: tf.div,
  },
  { name: 'add literal', shapes: [[5]], traced: (x) => ops.add(x, 3), eager: (x) => tf.add(x, 3) },
  {
    name: 'literal div',
    shapes: [[5]],
    range: [0.5, 2],
    traced: (x) => ops.div(1, x),
    eager: (x) => tf.div(1, x),
  },
  { name: 'neg', shapes: [[6]], traced: ops.neg, eager: tf.neg },
  { name: 'exp', shapes: [[6]], traced: ops.exp, eager: tf.exp },
  { name: 'log', shapes: [[6]], range: [0.5, 3], traced: ops.log, eager: tf.log },
  { name: 'sqrt', shapes: [[6]], range: [0.5, 3], traced: ops.sqrt, eager: tf.sqrt },
  { name: 'square', shapes: [[6]], traced: ops.square, eager: tf.square },
  {
    name: 'pow 2.5',
    shapes: [[6]],
    range: [0.5, 2],
    traced: (x) => ops.pow(x, 2.5),
    eager: (x) => tf.pow(x, 2.5),
  },
  { name: 'pow 3', shapes: [[6]], traced: (x) => ops.pow(x, 3), eager: (x) => tf.pow(x, 3) },
  { name: 'abs', shapes: [[6]], traced: ops.abs, eager: tf.abs },
  { name: 'sigmoid', shapes: [[2, 5]], traced: ops.sigmoid, eager: tf.sigmoid },
  { name: 'tanh', shapes: [[2, 5]], traced: ops.tanh, eager: tf.tanh },
  { name: 'relu', shapes: [[2, 5]], traced: ops.relu, eager: tf.relu },
  { name: 'softmax', shapes: [[3, 5]], traced: ops.softmax, eager: (x) => tf.softmax(x) },
  { name: 'logSoftmax', shapes: [[3, 5]], traced: ops.logSoftmax, eager: (x) => tf.logSoftmax(x) },
  {
    name: 'logSumExp axis 1',
    shapes: [[3, 5]],
    traced: (x) => ops.logSumExp(x, 1),
    eager: (x) => tf.logSumExp(x, 1),
  },
  { name: 'sum all', shapes: [[3, 4]], traced: (x) => ops.sum(x), eager: (x) => tf.sum(x) },
  {
    name: 'sum axis 0',
    shapes: [[3, 4]],
    traced: (x) => ops.sum(x, 0),
    eager: (x) => tf.sum(x, 0),
  },
  {
    name: 'sum keepDims',
    shapes: [[2, 3, 4]],
    traced: (x) => ops.sum(x, [0, 2], true),
    eager: (x) => tf.sum(x, [0, 2], true),
  },
  {
    name: 'mean axis -1',
    shapes: [[3, 4]],
    traced: (x) => ops.mean(x, -1),
    eager: (x) => tf.mean(x, -1),
  },
  { name: 'mean all', shapes: [[3, 4]], traced: (x) => ops.mean(x), eager: (x) => tf.mean(x) },
  {
    name: 'max axis 1',
    shapes: [[3, 4]],
    traced: (x) => ops.max(x, 1),
    eager: (x) => tf.max(x, 1),
  },
  {
    name: 'max all keepDims',
    shapes: [[3, 4]],
    traced: (x) => ops.max(x, undefined, true),
    eager: (x) => tf.max(x, undefined, true),
  },
  {
    name: 'matMul',
    shapes: [
      [3, 4],
      [4, 2],
    ],
    traced: ops.matMul,
    eager: (a, b) => tf.matMul(a, b),
  },
  {
    name: 'transpose',
    shapes: [[3, 4]],
    traced: (x) => ops.transpose(x),
    eager: (x) => tf.transpose(x),
  },
  {
    name: 'transpose perm',
    shapes: [[2, 3, 4]],
    traced: (x) => ops.transpose(x, [2, 0, 1]),
    eager: (x) => tf.transpose(x, [2, 0, 1]),
  },
  {
    name: 'reshape',
    shapes: [[3, 4]],
    traced: (x) => ops.reshape(x, [2, -1]),
    eager: (x) => tf.reshape(x, [2, 6]),
  },
  {
    name: 'broadcastTo',
    shapes: [[3, 1]],
    traced: (x) => ops.broadcastTo(x, [2, 3, 4]),
    eager: (x) => tf.broadcastTo(x, [2, 3, 4]),
  },
  {
    name: 'pad',
    shapes: [[2, 3]],
    traced: (x) =>
      ops.pad(x, [
        [1, 0],
        [2, 1],
      ]),
    eager: (x) =>
      tf.pad(x, [
        [1, 0],
        [2, 1],
      ]),
  },
  {
    name: 'slice',
    shapes: [[4, 5]],
    traced: (x) => ops.slice(x, [1, 2], [2, 3]),
    eager: (x) => tf.slice(x, [1, 2], [2, 3]),
  },
  {
    name: 'reverse',
    shapes: [[3, 4]],
    traced: (x) => ops.reverse(x, [0, 1]),
    eager: (x) => tf.reverse(x, [0, 1]),
  },
  {
    name: 'cast float32',
    shapes: [[4]],
    traced: (x) => ops.cast(x, 'float32'),
    eager: (x) => tf.cast(x, 'float32'),
  },
  {
    name: 'softmaxCrossEntropy',
    shapes: [
      [4, 3],
      [4, 3],
    ],
    range: [0, 1],
    traced: (labels, logits) => ops.softmaxCrossEntropy(labels, logits),
    eager: (labels, logits) => tf.div(tf.neg(tf.sum(tf.mul(labels, tf.logSoftmax(logits)))), 4),
  },
  {
    name: 'meanSquaredError',
    shapes: [
      [4, 3],
      [4, 3],
    ],
    traced: (labels, predictions) => ops.meanSquaredError(labels, predictions),
    eager: (labels, predictions) => tf.losses.meanSquaredError(labels, predictions),
  },
];

describe.each(['cpu', 'wasm'])('gradient rules agree with tf.grads (plan on %s)', (backend) => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const c of cases) {
    it(`${c.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), async (seed) => {
          // The reference runs on cpu; the traced plan on the backend under test.
          await tf.setBackend('cpu');
          const [low, high] = c.range ?? [-2, 2];
          const xs = c.shapes.map((shape, i) =>
            tf.randomUniform(shape, low, high, 'float32', seed + i),
          );
          const outShape = c.eager(...xs).shape;
          const w = tf.randomUniform(outShape, -1, 1, 'float32', seed + 99);
          const reference = tf.grads((...args: tf.Tensor[]) => tf.sum(tf.mul(c.eager(...args), w)))(
            xs,
          );
          const plan = tracePlan(
            'grad_check',
            { xs: c.shapes, w: outShape },
            (t, { xs: sx, w: sw }) => t.grad(t.sum(t.mul(c.traced(...sx), sw)), sx),
          );

          await tf.setBackend(backend);
          const traced = interpret(plan, [...xs, w]);

          traced.forEach((g, i) => {
            expect(g.shape).toEqual(c.shapes[i]);
            expect(relativeError(g, reference[i]!)).toBeLessThan(1e-5);
          });
          tf.dispose([...xs, w, ...traced, ...reference]);
        }),
        { numRuns: 8 },
      );
    });
  }
});
