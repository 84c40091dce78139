import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { interpret, relativeError } from '../interpret.test-helper.js';
import { tracePlan } from '../trace-plan.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { avgPool, maxPool } from './pooling.js';
import { type Padding } from './conv.js';

interface ConvCase {
  name: string;
  x: number[];
  filter: number[];
  stride: number;
  padding: Padding;
}

const convCases: ConvCase[] = [
  { name: 'valid, stride 1', x: [2, 7, 6, 3], filter: [3, 2, 3, 4], stride: 1, padding: 'valid' },
  { name: 'same, stride 1', x: [2, 6, 5, 2], filter: [3, 3, 2, 3], stride: 1, padding: 'same' },
  { name: 'same, even kernel', x: [1, 6, 6, 2], filter: [4, 2, 2, 2], stride: 1, padding: 'same' },
  { name: 'valid, stride 2', x: [2, 9, 8, 2], filter: [3, 3, 2, 3], stride: 2, padding: 'valid' },
  { name: 'same, stride 2', x: [1, 7, 8, 3], filter: [3, 2, 3, 2], stride: 2, padding: 'same' },
];

/** Traces d sum(conv(x, f) · w) / d(x, f) and runs it with the core interpreter on `backend`. */
async function checkConv(c: ConvCase, backend: string, seed: number): Promise<void> {
  // The reference runs on cpu: wasm has no Conv2DBackpropFilter kernel, so tf.grads fails there.
  await tf.setBackend('cpu');
  const x = tf.randomUniform(c.x, -1, 1, 'float32', seed);
  const f = tf.randomUniform(c.filter, -1, 1, 'float32', seed + 1);
  const y = tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.stride, c.padding);
  const w = tf.randomUniform(y.shape, -1, 1, 'float32', seed + 2);
  const [rx, rf] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
    tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.padding), w)),
  )([x, f]);
  const plan = tracePlan('conv_grad', { x: c.x, f: c.filter, w: y.shape }, (t, inputs) => {
    const out = t.conv2d(inputs.x, inputs.f, c.stride, c.padding);
    return [out, ...t.grad(t.sum(t.mul(out, inputs.w)), [inputs.x, inputs.f])];
  });

  // tfjs moves the cpu tensors to the backend on first use.
  await tf.setBackend(backend);
  const [out, gx, gf] = interpret(plan, [x, f, w]);

  expect(relativeError(out!, y)).toBeLessThan(1e-5);
  expect(gx!.shape).toEqual(c.x);
  expect(gf!.shape).toEqual(c.filter);
  expect(relativeError(gx!, rx!)).toBeLessThan(1e-5);
  expect(relativeError(gf!, rf!)).toBeLessThan(1e-5);
  tf.dispose([x, f, y, w, out!, gx!, gf!, rx!, rf!]);
}

describe('conv2d gradients', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  for (const backend of ['cpu', 'wasm']) {
    for (const c of convCases) {
      it(`${c.name} on ${backend} matches tf.grads`, async () => {
        for (const seed of [1, 17, 123]) await checkConv(c, backend, seed);
      });
    }
  }
});

describe('pooling gradients', () => {
  const pools: [string, (x: SymbolicTensor) => SymbolicTensor, (x: tf.Tensor4D) => tf.Tensor][] = [
    ['maxPool', (x) => maxPool(x, 2), (x) => tf.maxPool(x, 2, 2, 'valid')],
    ['avgPool', (x) => avgPool(x, 2), (x) => tf.avgPool(x, 2, 2, 'valid')],
  ];
  for (const [name, traced, eager] of pools) {
    it(`${name} (odd size, cropped) on wasm matches tfjs`, async () => {
      await tf.setBackend('cpu');
      const x = tf.randomUniform([2, 5, 7, 3], -1, 1, 'float32', 5);
      const y = eager(x as tf.Tensor4D);
      const w = tf.randomUniform(y.shape, -1, 1, 'float32', 6);
      const [rx] = tf.grads((a: tf.Tensor) => tf.sum(tf.mul(eager(a as tf.Tensor4D), w)))([x]);
      const plan = tracePlan('pool_grad', { x: [2, 5, 7, 3], w: y.shape }, (t, i) => {
        const out = traced(i.x);
        return [out, ...t.grad(t.sum(t.mul(out, i.w)), [i.x])];
      });

      await tf.setBackend('wasm');
      const [out, gx] = interpret(plan, [x, w]);

      expect(relativeError(out!, y)).toBeLessThan(1e-6);
      expect(relativeError(gx!, rx!)).toBeLessThan(1e-5);
    });
  }
});
