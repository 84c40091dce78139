import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';

import { compilePlan } from './compile-plan.js';
import type { PlanRewrite } from './compile-program.js';
import type { ActionSpec } from './plan-builder.test-helper.js';
import { PlanBuilder } from './plan-builder.test-helper.js';

interface Run {
  outputs: tf.Tensor[];
  /** Input shape of every Transpose kernel, in order. */
  transposed: number[][];
  matMuls: number;
}

/** Runs a plan over inputs `x`, `g` (and `h`), recording the kernels. */
async function run(
  actions: ActionSpec[],
  outputs: string[],
  inputs: tf.Tensor[],
  rewrites?: readonly PlanRewrite[],
): Promise<Run> {
  const names: Array<[string, number[]]> = inputs.map((t, i) => [
    ['x', 'g', 'h'][i] ?? '',
    t.shape,
  ]);
  const plan = compilePlan(new PlanBuilder().plan('weight-gradient', names, actions, outputs), {
    ...(rewrites === undefined ? {} : { rewrites }),
  });
  let outs: tf.Tensor[] = [];

  const profile = await tf.profile(() => {
    outs = plan.execute(inputs);
  });

  plan.dispose();
  return {
    outputs: outs,
    transposed: profile.kernels
      .filter((k) => k.name === 'Transpose')
      .map((k) => k.inputShapes[0] ?? []),
    matMuls: profile.kernels.filter((k) => k.name === 'BatchMatMul').length,
  };
}

function maxAbsDiff(a: tf.Tensor | undefined, b: tf.Tensor | undefined): number {
  if (a === undefined || b === undefined) return NaN;
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] ?? NaN);
}

/** The dense-layer weight gradient `T(Xᵀ·G)`, as autodiff of `x·Wᵀ + b` traces it. */
const WEIGHT_GRADIENT: ActionSpec[] = [
  { out: 'xt', command: 'tf.transpose', args: ['x'] },
  { out: 'p', command: 'tf.matMul', args: ['xt', 'g'] },
  { out: 'dw', command: 'tf.transpose', args: ['p'] },
];

/** The mirror image `T(G·Xᵀ)`. */
const MIRRORED_GRADIENT: ActionSpec[] = [
  { out: 'xt', command: 'tf.transpose', args: ['x'] },
  { out: 'p', command: 'tf.matMul', args: ['g', 'xt'] },
  { out: 'dw', command: 'tf.transpose', args: ['p'] },
];

describe.each(['cpu', 'wasm'])('transposed products on %s', (backend) => {
  let x: tf.Tensor2D;
  let g: tf.Tensor2D;

  beforeAll(async () => {
    await tf.setBackend(backend);
    await tf.ready();
    x = tf.randomUniform([64, 78], 0, 1, 'float32', 3);
    g = tf.randomUniform([64, 39], -1, 1, 'float32', 4);
  });

  it('runs T(Xᵀ·G) as Gᵀ·X: one product, only G transposed, results as traced', async () => {
    const traced = await run(WEIGHT_GRADIENT, ['dw'], [x, g], []);

    const got = await run(WEIGHT_GRADIENT, ['dw'], [x, g]);

    expect(traced.transposed).toEqual([
      [64, 78],
      [78, 39],
    ]);
    expect(got.transposed).toEqual([[64, 39]]);
    expect(got.matMuls).toBe(1);
    expect(got.outputs[0]?.shape).toEqual([39, 78]);
    expect(maxAbsDiff(got.outputs[0], traced.outputs[0])).toBeLessThan(1e-6);
    tf.dispose([...got.outputs, ...traced.outputs]);
  });

  it('runs T(G·Xᵀ) as X·Gᵀ', async () => {
    const [xs, gs] = [tf.transpose(x), tf.transpose(g)];
    const traced = await run(MIRRORED_GRADIENT, ['dw'], [xs, gs], []);

    const got = await run(MIRRORED_GRADIENT, ['dw'], [xs, gs]);

    expect(got.transposed).toEqual([[39, 64]]);
    expect(got.matMuls).toBe(1);
    expect(got.outputs[0]?.shape).toEqual([78, 39]);
    expect(maxAbsDiff(got.outputs[0], traced.outputs[0])).toBeLessThan(1e-6);
    tf.dispose([xs, gs, ...got.outputs, ...traced.outputs]);
  });

  it('runs the Gram matrix T(Xᵀ·X) as Xᵀ·X', async () => {
    const actions: ActionSpec[] = [
      { out: 'xt', command: 'tf.transpose', args: ['x'] },
      { out: 'p', command: 'tf.matMul', args: ['xt', 'x'] },
      { out: 'dw', command: 'tf.transpose', args: ['p'] },
    ];
    const traced = await run(actions, ['dw'], [x], []);

    const got = await run(actions, ['dw'], [x]);

    expect(got.transposed).toEqual([[64, 78]]);
    expect(maxAbsDiff(got.outputs[0], traced.outputs[0])).toBeLessThan(1e-6);
    tf.dispose([...got.outputs, ...traced.outputs]);
  });

  it('keeps transpose(X) when another action reads it', async () => {
    const actions: ActionSpec[] = [
      ...WEIGHT_GRADIENT,
      { out: 's', command: 'tf.sum', args: ['xt', 1] },
    ];
    const traced = await run(actions, ['dw', 's'], [x, g], []);

    const got = await run(actions, ['dw', 's'], [x, g]);

    expect(got.transposed).toEqual([
      [64, 78],
      [64, 39],
    ]);
    expect(maxAbsDiff(got.outputs[0], traced.outputs[0])).toBeLessThan(1e-6);
    expect(maxAbsDiff(got.outputs[1], traced.outputs[1])).toBe(0);
    tf.dispose([...got.outputs, ...traced.outputs]);
  });

  it('leaves the product alone when another action reads it', async () => {
    const actions: ActionSpec[] = [
      ...WEIGHT_GRADIENT,
      { out: 's', command: 'tf.sum', args: ['p'] },
    ];

    const got = await run(actions, ['dw', 's'], [x, g]);

    expect(got.transposed).toEqual([
      [64, 78],
      [78, 39],
    ]);
    tf.dispose(got.outputs);
  });

  it('leaves the product alone when it is an output', async () => {
    const got = await run(WEIGHT_GRADIENT, ['dw', 'p'], [x, g]);

    expect(got.transposed).toEqual([
      [64, 78],
      [78, 39],
    ]);
    expect(got.outputs[1]?.shape).toEqual([78, 39]);
    tf.dispose(got.outputs);
  });

  it('leaves a product with a transpose flag alone', async () => {
    const gt = tf.transpose(g);
    const actions: ActionSpec[] = [
      { out: 'xt', command: 'tf.transpose', args: ['x'] },
      { out: 'p', command: 'tf.matMul', args: ['xt', 'g', false, true] },
      { out: 'dw', command: 'tf.transpose', args: ['p'] },
    ];

    const got = await run(actions, ['dw'], [x, gt]);

    expect(got.transposed).toHaveLength(2);
    expect(got.transposed[1]).toEqual([78, 39]);
    tf.dispose([gt, ...got.outputs]);
  });

  it('leaves a transpose with a perm alone', async () => {
    const actions: ActionSpec[] = [
      { out: 'xt', command: 'tf.transpose', args: ['x'] },
      { out: 'p', command: 'tf.matMul', args: ['xt', 'g'] },
      { out: 'dw', command: 'tf.transpose', args: ['p', [1, 0]] },
    ];

    const got = await run(actions, ['dw'], [x, g]);

    expect(got.transposed).toHaveLength(2);
    tf.dispose(got.outputs);
  });

  it('computes batched (rank-3) operands as written', async () => {
    // transpose reverses every axis: x [2,3,5] → [5,3,2], times g [5,2,4] → [5,3,4] → [4,3,5].
    const x3 = tf.randomUniform([2, 3, 5], 0, 1, 'float32', 5);
    const g3 = tf.randomUniform([5, 2, 4], -1, 1, 'float32', 6);
    const traced = await run(WEIGHT_GRADIENT, ['dw'], [x3, g3], []);

    const got = await run(WEIGHT_GRADIENT, ['dw'], [x3, g3]);

    expect(got.outputs[0]?.shape).toEqual([4, 3, 5]);
    expect(maxAbsDiff(got.outputs[0], traced.outputs[0])).toBe(0);
    tf.dispose([x3, g3, ...got.outputs, ...traced.outputs]);
  });

  it('leaves no tensor behind after an execution', async () => {
    const before = tf.memory().numTensors;

    const got = await run(WEIGHT_GRADIENT, ['dw'], [x, g]);
    tf.dispose(got.outputs);

    expect(tf.memory().numTensors).toBe(before);
  });
});
