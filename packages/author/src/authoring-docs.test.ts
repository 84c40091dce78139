import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { executePlan } from '@syft-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as ops from './ops/index.js';
import { tracePlan } from './trace-plan.js';

const docs = readFileSync(new URL('../../../docs/authoring.md', import.meta.url), 'utf8');

describe('docs/authoring.md', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('lists every traceable op in its op table', () => {
    const table = docs.slice(
      docs.indexOf('## Ops and their gradients'),
      docs.indexOf('### `grad('),
    );
    const missing = Object.keys(ops).filter((name) => !table.includes(`\`${name}(`));

    expect(missing).toEqual([]);
  });

  it('its first example runs and takes a gradient step', () => {
    // The code of the "A first plan" section, verbatim apart from the imports.
    const plan = tracePlan('linear_step', { x: [4, 3], y: [4, 1], w: [3, 1], lr: [1] }, (t, i) => {
      const loss = t.meanSquaredError(i.y, t.matMul(i.x, i.w));
      const [gw] = t.grad(loss, [i.w]);
      return [loss, t.sub(i.w, t.mul(i.lr, gw!))];
    });
    const [loss, w] = executePlan(plan, [
      tf.ones([4, 3]),
      tf.zeros([4, 1]),
      tf.ones([3, 1]),
      tf.tensor1d([0.1]),
    ]);

    expect(docs).toContain("tracePlan('linear_step'");
    // loss = mean((3 − 0)²) = 9; d/dw = 2·3·1 = 6 per weight; w = 1 − 0.1·6.
    expect(loss!.dataSync()[0]).toBeCloseTo(9, 5);
    for (const value of w!.dataSync()) expect(value).toBeCloseTo(0.4, 6);
  });
});
