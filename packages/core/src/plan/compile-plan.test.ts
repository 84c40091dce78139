import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { compilePlan } from './compile-plan.js';
import { PlanLoadError } from './errors.js';
import { PlanBuilder } from './plan-builder.test-helper.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('compilePlan validation at load', () => {
  it('lists every unsupported command with its action index in one error', () => {
    const plan = new PlanBuilder().plan(
      'bad',
      [['x', [2]]],
      [
        { out: 'a', command: 'tf.conv2d', args: ['x'] },
        { out: 'b', command: 'tf.add', args: ['a', 1] },
        { out: 'c', command: 'tf.layers.embedding', args: ['b'] },
      ],
      ['c'],
    );

    const attempt = (): unknown => compilePlan(plan);

    expect(attempt).toThrow(PlanLoadError);
    try {
      attempt();
    } catch (error) {
      const e = error as PlanLoadError;
      expect(e.code).toBe('PLAN_UNSUPPORTED');
      expect(e.message).toMatch(/action 0 \(tf\.conv2d\): unsupported command/);
      expect(e.message).toMatch(/action 2 \(tf\.layers\.embedding\): unsupported command/);
      expect(e.problems.map((p) => p.actionIndex)).toEqual([0, 2]);
    }
  });

  it('reports a read of an undefined placeholder as PLAN_INVALID', () => {
    const b = new PlanBuilder();
    const plan = b.plan(
      'dangling',
      [['x', [2]]],
      [{ out: 'a', command: 'tf.add', args: ['x', 'ghost'] }],
      ['a'],
    );

    expect(() => compilePlan(plan)).toThrow(
      expect.objectContaining({
        code: 'PLAN_INVALID',
        message: expect.stringContaining(
          `reads placeholder ${b.id('ghost')}, which is not defined`,
        ),
      }),
    );
  });

  it('reports an undefined output and an unknown kwarg together', () => {
    const plan = new PlanBuilder().plan(
      'two-problems',
      [['x', [2]]],
      [{ out: 'a', command: 'tf.sum', args: ['x'], kwargs: { out: 'x' } }],
      ['nowhere'],
    );

    expect(() => compilePlan(plan)).toThrow(
      /unknown kwarg "out".*\n.*output placeholder \d+ is never defined/,
    );
  });

  it('frees the state tensors it made when loading fails', () => {
    const plan = new PlanBuilder().plan(
      'stateful-bad',
      [['x', [2]]],
      [{ out: 'a', command: 'tf.nope', args: ['x'] }],
      ['a'],
      {
        names: ['s'],
        values: [{ shape: [2], values: [1, 2] }],
      },
    );
    const before = tf.memory().numTensors;

    expect(() => compilePlan(plan)).toThrow(PlanLoadError);

    expect(tf.memory().numTensors).toBe(before);
  });
});
