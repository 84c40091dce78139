import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { compilePlan } from './compile-plan.js';
import type { ActionSpec } from './plan-builder.test-helper.js';
import { PlanBuilder } from './plan-builder.test-helper.js';

interface Run {
  outputs: number[][];
  matMuls: number;
  transposes: number;
}

async function run(actions: ActionSpec[], outputs: string[], inputs: tf.Tensor[]): Promise<Run> {
  const names: Array<[string, number[]]> = inputs.map((t, i) => [
    ['a', 'b', 'c'][i] ?? '',
    t.shape,
  ]);
  const plan = compilePlan(new PlanBuilder().plan('linear', names, actions, outputs));
  let outs: tf.Tensor[] = [];

  const profile = await tf.profile(() => {
    outs = plan.execute(inputs);
  });

  const result = {
    outputs: outs.map((t) => Array.from(t.dataSync())),
    matMuls: profile.kernels.filter((k) => k.name === 'BatchMatMul').length,
    transposes: profile.kernels.filter((k) => k.name === 'Transpose').length,
  };
  tf.dispose(outs);
  plan.dispose();
  return result;
}

function expectClose(got: number[] | undefined, want: number[]): void {
  expect(got).toHaveLength(want.length);
  got?.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5));
}

describe('sums of products with a common factor', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('runs b·A + c·A (common factor on the right, after transposes) as one product', async () => {
    const [a, b, c] = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      tf.tensor2d([[1, 0, 2]]),
      tf.tensor2d([[0, 1, -1]]),
    ];
    const want = tf.tidy(() =>
      Array.from(tf.add(tf.transpose(tf.matMul(b, a)), tf.transpose(tf.matMul(c, a))).dataSync()),
    );

    const got = await run(
      [
        { out: 'p', command: 'tf.matMul', args: ['b', 'a'] },
        { out: 'pt', command: 'tf.transpose', args: ['p'] },
        { out: 'pc', command: 'clone', args: ['pt'] },
        { out: 'q', command: 'tf.matMul', args: ['c', 'a'] },
        { out: 'qt', command: 'tf.transpose', args: ['q'] },
        { out: 's', command: 'tf.add', args: ['pc', 'qt'] },
      ],
      ['s'],
      [a, b, c],
    );

    expect(got.matMuls).toBe(1);
    expectClose(got.outputs[0], want);
    tf.dispose([a, b, c]);
  });

  it('computes both products when the other factors differ in shape (broadcasting add)', async () => {
    const [a, b, c] = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[1], [2]]),
      tf.tensor2d([
        [1, 0, 2],
        [0, 1, 3],
      ]),
    ];
    const want = tf.tidy(() => Array.from(tf.add(tf.matMul(a, b), tf.matMul(a, c)).dataSync()));

    const got = await run(
      [
        { out: 'p', command: 'tf.matMul', args: ['a', 'b'] },
        { out: 'q', command: 'tf.matMul', args: ['a', 'c'] },
        { out: 's', command: 'tf.add', args: ['p', 'q'] },
      ],
      ['s'],
      [a, b, c],
    );

    expect(got.matMuls).toBe(2);
    expectClose(got.outputs[0], want);
    tf.dispose([a, b, c]);
  });

  it('leaves the products alone when one of them is also used elsewhere', async () => {
    const [a, b, c] = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[1], [2]]),
      tf.tensor2d([[3], [-1]]),
    ];

    const got = await run(
      [
        { out: 'p', command: 'tf.matMul', args: ['a', 'b'] },
        { out: 'q', command: 'tf.matMul', args: ['a', 'c'] },
        { out: 's', command: 'tf.add', args: ['p', 'q'] },
      ],
      ['s', 'p'],
      [a, b, c],
    );

    expect(got.matMuls).toBe(2);
    expectClose(got.outputs[0], [5 + 1, 11 + 5]);
    expectClose(got.outputs[1], [5, 11]);
    tf.dispose([a, b, c]);
  });

  it('runs T(B·Yᵀ) + T(C·Yᵀ) as Y·(B + C)ᵀ, without transposing Y or the product', async () => {
    const [y, b, c] = [
      tf.tensor2d([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      tf.tensor2d([
        [1, 0, 2],
        [0, 1, 0],
        [2, 2, 2],
        [-1, 0, 1],
      ]),
      tf.tensor2d([
        [0, 1, -1],
        [3, 0, 0],
        [1, 1, 1],
        [0, 0, 5],
      ]),
    ];
    const want = tf.tidy(() => Array.from(tf.matMul(y, tf.transpose(tf.add(b, c))).dataSync()));

    const got = await run(
      [
        { out: 'yt', command: 'tf.transpose', args: ['a'] },
        { out: 'p', command: 'tf.matMul', args: ['b', 'yt'] },
        { out: 'pt', command: 'tf.transpose', args: ['p'] },
        { out: 'q', command: 'tf.matMul', args: ['c', 'yt'] },
        { out: 'qt', command: 'tf.transpose', args: ['q'] },
        { out: 's', command: 'tf.add', args: ['pt', 'qt'] },
      ],
      ['s'],
      [y, b, c],
    );

    expect(got.matMuls).toBe(1);
    expect(got.transposes).toBe(1);
    expectClose(got.outputs[0], want);
    tf.dispose([y, b, c]);
  });
});
