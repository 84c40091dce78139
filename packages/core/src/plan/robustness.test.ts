import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';

import { compilePlan } from './compile-plan.js';
import { PlanExecutionError, PlanLoadError } from './errors.js';
import type { ActionSpec, Operand } from './plan-builder.test-helper.js';
import { PlanBuilder } from './plan-builder.test-helper.js';

const COMMANDS = [
  'tf.add',
  'tf.mul',
  'tf.div',
  'tf.sum',
  'tf.max',
  'tf.matMul',
  'tf.transpose',
  'tf.layers.reshape',
  'tf.argMax',
  'tf.cast',
  'tf.gather',
  'tf.split',
  'tf.stack',
  'tf.softmax',
  'tf.pad',
  'tf.where',
  'tf.ones',
  'tf.conv2d',
  'clone',
  'tf.topk',
];

const operand = (names: string[]): fc.Arbitrary<Operand> =>
  fc.oneof(
    fc.constantFrom(...names, 'ghost'),
    fc.integer({ min: -3, max: 4 }),
    fc.boolean(),
    fc.constantFrom<Operand>({ str: 'float32' }, { str: 'nonsense' }, { float: 0.5 }),
    fc.array(fc.oneof(fc.integer({ min: -1, max: 3 }), fc.constantFrom(...names)), {
      maxLength: 3,
    }),
  );

const program = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.tuple(
    ...Array.from({ length: n }, (_, i) => {
      const names = ['x', 'w', ...Array.from({ length: i }, (_, k) => `v${k}`)];
      return fc.record({
        command: fc.constantFrom(...COMMANDS),
        args: fc.array(operand(names), { minLength: 1, maxLength: 2 }),
        kwargs: fc.oneof(
          { arbitrary: fc.constant(undefined), weight: 6 },
          { arbitrary: fc.record({ keepdim: fc.boolean() }), weight: 1 },
        ),
      });
    }),
  ),
);

describe('bad plans and bad operands', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('only ever throw PlanLoadError or PlanExecutionError, and never leak', () => {
    const x = tf.tensor2d([
      [1, -2, 3],
      [4, 5, -6],
    ]);
    const w = tf.tensor1d([1, 0, 2]);
    const baseline = tf.memory().numTensors;
    const seen = { ran: 0, load: 0, execution: 0 };

    fc.assert(
      fc.property(program, (actions) => {
        const specs: ActionSpec[] = actions.map((a, i) => ({
          out: `v${i}`,
          command: a.command,
          args: a.args,
          ...(a.kwargs === undefined ? {} : { kwargs: a.kwargs }),
        }));
        const plan = new PlanBuilder().plan(
          'random',
          [
            ['x', [2, 3]],
            ['w', [3]],
          ],
          specs,
          [`v${specs.length - 1}`],
        );
        try {
          const compiled = compilePlan(plan);
          try {
            tf.dispose(compiled.execute([x, w]));
            seen.ran += 1;
          } finally {
            compiled.dispose();
          }
        } catch (error) {
          expect(error instanceof PlanLoadError || error instanceof PlanExecutionError).toBe(true);
          if (error instanceof PlanLoadError) seen.load += 1;
          else seen.execution += 1;
        }
        expect(tf.memory().numTensors).toBe(baseline);
      }),
      { numRuns: 400, seed: 20260412 },
    );
    tf.dispose([x, w]);
    // The generator reaches all three outcomes, so the property is not vacuous.
    expect(seen.ran).toBeGreaterThan(5);
    expect(seen.load).toBeGreaterThan(10);
    expect(seen.execution).toBeGreaterThan(10);
  });
});
