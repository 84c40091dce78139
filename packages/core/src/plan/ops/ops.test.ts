import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { executePlan } from '../compile-plan.js';
import { PlanBuilder } from '../plan-builder.test-helper.js';
import type { OpCase } from './op-cases.test-helper.js';
import { OP_CASES } from './op-cases.test-helper.js';
import { OP_TABLE } from './table.js';

const INPUT_NAMES = ['a', 'b', 'c'];

function runCase(c: OpCase, inputs: tf.Tensor[]): tf.Tensor[] {
  const outs = Array.from({ length: c.outs ?? 1 }, (_, i) => `out${i}`);
  const plan = new PlanBuilder().plan(
    c.name,
    inputs.map((t, i) => [INPUT_NAMES[i] ?? '', t.shape]),
    [
      {
        out: outs,
        command: c.command ?? `tf.${c.op}`,
        args: c.args,
        ...(c.kwargs ? { kwargs: c.kwargs } : {}),
      },
    ],
    outs,
  );
  return executePlan(plan, inputs);
}

describe('each op matches eager tfjs', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(OP_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs = tf.tidy(() => c.inputs());
    const before = tf.memory().numTensors;

    const got = runCase(c, inputs);

    const eager = tf.tidy(() => c.eager(...inputs));
    const want = Array.isArray(eager) ? eager : [eager];
    expect(got).toHaveLength(want.length);
    got.forEach((g, i) => {
      const w = want[i] as tf.Tensor;
      expect(g.shape).toEqual(w.shape);
      expect(g.dtype).toBe(w.dtype);
      const [gv, wv] = [Array.from(g.dataSync()), Array.from(w.dataSync())];
      gv.forEach((v, k) => {
        if (Number.isNaN(wv[k])) expect(v).toBeNaN();
        else expect(v).toBeCloseTo(wv[k] as number, 5);
      });
    });
    tf.dispose([...got, ...want]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  });

  it('has a case for every op in the table', () => {
    const covered = new Set(OP_CASES.map((c) => c.op));

    const missing = [...OP_TABLE.keys()].filter((name) => !covered.has(name));

    expect(missing).toEqual([]);
    expect(OP_TABLE.size).toBeGreaterThanOrEqual(75);
  });
});
