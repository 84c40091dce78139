import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { compilePlan, executePlan } from './compile-plan.js';
import { PlanExecutionError, PlanInputError } from './errors.js';
import { PlanBuilder } from './plan-builder.test-helper.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function values(t: tf.Tensor | undefined): number[] {
  return Array.from(t?.dataSync() ?? []);
}

describe('CompiledPlan.execute', () => {
  const addOne = (): ReturnType<PlanBuilder['plan']> =>
    new PlanBuilder().plan(
      'add_one',
      [['x', [2, 2]]],
      [{ out: 'y', command: 'tf.add', args: ['x', 1] }],
      ['y'],
    );

  it('rejects a wrong input count, naming expected and actual', () => {
    const plan = compilePlan(addOne());

    expect(() => plan.execute([])).toThrow(
      expect.objectContaining({
        code: 'PLAN_INPUT_COUNT',
        message: 'plan "add_one" expects 1 inputs, got 0',
      }),
    );
    plan.dispose();
  });

  it('rejects a wrong input shape, naming the input, the expected and the actual shape', () => {
    const b = new PlanBuilder();
    const plan = compilePlan(
      b.plan('add_one', [['x', [2, 2]]], [{ out: 'y', command: 'tf.add', args: ['x', 1] }], ['y']),
    );
    const x = tf.zeros([3, 3]);

    const attempt = (): unknown => plan.execute([x]);

    expect(attempt).toThrow(PlanInputError);
    expect(attempt).toThrow(
      `input 0 (placeholder ${b.id('x')}) expects shape [2, 2], got shape [3, 3]`,
    );
    x.dispose();
    plan.dispose();
  });

  it('accepts a number only where the expected shape is a scalar', () => {
    const plan = compilePlan(addOne());

    expect(() => plan.execute([3])).toThrow(expect.objectContaining({ code: 'PLAN_INPUT_SHAPE' }));
    plan.dispose();
  });

  it('wraps a tfjs failure in PlanExecutionError naming the action and command, without leaks', () => {
    const plan = compilePlan(
      new PlanBuilder().plan(
        'mismatch',
        [
          ['a', undefined],
          ['b', undefined],
        ],
        [
          { out: 't', command: 'tf.exp', args: ['a'] },
          { out: 'u', command: 'tf.matMul', args: ['t', 'b'] },
        ],
        ['u'],
      ),
    );
    const [a, b] = [tf.ones([2, 3]), tf.ones([2, 3])];
    const before = tf.memory().numTensors;

    const attempt = (): unknown => plan.execute([a, b]);

    expect(attempt).toThrow(PlanExecutionError);
    expect(attempt).toThrow(/^action 1 \(tf\.matMul\) failed: .*inner shapes/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
    plan.dispose();
  });

  it('reads the old value before an in-place write and keeps other readers of it intact', () => {
    // v = x * 2; w = v + 0 (a second reader); v = v + x (in place); out = v - w
    const plan = new PlanBuilder().plan(
      'in_place',
      [['x', [3]]],
      [
        { out: 'v', command: 'tf.mul', args: ['x', 2] },
        { out: 'w', command: 'tf.add', args: ['v', 0] },
        { out: 'v', command: 'tf.add', args: ['v', 'x'] },
        { out: 'out', command: 'tf.sub', args: ['v', 'w'] },
      ],
      ['out', 'v'],
    );
    const x = tf.tensor1d([1, 2, 3]);

    const [out, v] = executePlan(plan, [x]);

    expect(values(out)).toEqual([1, 2, 3]);
    expect(values(v)).toEqual([3, 6, 9]);
    tf.dispose([x, out, v]);
  });

  it('maps kwargs by name, whatever their order on the wire', () => {
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const run = (kwargs: Record<string, number | boolean>): number[][] => {
      const plan = new PlanBuilder().plan(
        'sum',
        [['x', [2, 2]]],
        [{ out: 's', command: 'tf.sum', args: ['x'], kwargs }],
        ['s'],
      );
      const [s] = executePlan(plan, [x]);
      const result = [s?.shape ?? [], values(s)];
      s?.dispose();
      return result;
    };

    const keepFirst = run({ keepdim: true, dim: 1 });
    const dimFirst = run({ dim: 1, keepdim: true });

    expect(keepFirst).toEqual([
      [2, 1],
      [3, 7],
    ]);
    expect(dimFirst).toEqual(keepFirst);
    x.dispose();
  });

  it('puts a torch-style target first', () => {
    const plan = new PlanBuilder().plan(
      'method',
      [['x', [2]]],
      [{ out: 'y', command: 'sub', target: 'x', args: [1] }],
      ['y'],
    );
    const x = tf.tensor1d([5, 7]);

    const [y] = executePlan(plan, [x]);

    expect(values(y)).toEqual([4, 6]);
    tf.dispose([x, y]);
  });

  it('returns a clone when an output is an input, so the caller may dispose both', () => {
    const plan = new PlanBuilder().plan('identity', [['x', [2]]], [], ['x', 'x']);
    const x = tf.tensor1d([1, 2]);

    const outs = executePlan(plan, [x]);
    tf.dispose(outs);

    expect(x.isDisposed).toBe(false);
    expect(values(x)).toEqual([1, 2]);
    x.dispose();
  });

  it('runs 1,000 times with tf.memory() back at its baseline', () => {
    const plan = compilePlan(
      new PlanBuilder().plan(
        'loop',
        [
          ['x', [4]],
          ['n', [1]],
        ],
        [
          { out: 'a', command: 'tf.mul', args: ['x', 'n'] },
          { out: 'b', command: 'tf.greater', args: ['a', 2] },
          { out: 'c', command: 'tf.mul', args: ['b', 'a'] },
          { out: 'unused', command: 'tf.exp', args: ['c'] },
          { out: 'a', command: 'tf.add', args: ['a', 'c'] },
          { out: 's', command: 'tf.sum', args: ['a'] },
        ],
        ['s'],
      ),
    );
    const x = tf.tensor1d([1, 2, 3, 4]);
    const baseline = tf.memory().numTensors;

    for (let i = 0; i < 1000; i += 1) tf.dispose(plan.execute([x, 2]));

    expect(tf.memory().numTensors).toBe(baseline);
    plan.dispose();
    x.dispose();
  });

  it('frees its state tensors on dispose and refuses to run afterwards', () => {
    const before = tf.memory().numTensors;
    const plan = compilePlan(
      new PlanBuilder().plan(
        'stateful',
        [['x', [2]]],
        [{ out: 'y', command: 'tf.add', args: ['x', 's'] }],
        ['y'],
        {
          names: ['s'],
          values: [{ shape: [2], values: [1, 2] }],
        },
      ),
    );

    plan.dispose();

    expect(tf.memory().numTensors).toBe(before);
    expect(() => plan.execute([tf.zeros([2])])).toThrow(
      expect.objectContaining({ code: 'PLAN_DISPOSED' }),
    );
  });

  it('computes an action repeated on the same values once, and keeps distinct versions apart', async () => {
    // e1 and e2 are the same exp(x); after x is rewritten in place, exp(x) is a new value.
    const plan = compilePlan(
      new PlanBuilder().plan(
        'duplicates',
        [['x', [2]]],
        [
          { out: 'e1', command: 'tf.exp', args: ['x'] },
          { out: 'e2', command: 'tf.exp', args: ['x'] },
          { out: 'x', command: 'tf.add', args: ['x', 1] },
          { out: 'e3', command: 'tf.exp', args: ['x'] },
        ],
        ['e1', 'e2', 'e3'],
      ),
    );
    const x = tf.tensor1d([0, 1]);
    let outs: tf.Tensor[] = [];

    const profile = await tf.profile(() => {
      outs = plan.execute([x]);
    });

    expect(profile.kernels.filter((k) => k.name === 'Exp')).toHaveLength(2);
    expect(values(outs[1])).toEqual(values(outs[0]));
    expect(values(outs[2])[0]).toBeCloseTo(Math.E, 5);
    tf.dispose([x, ...outs]);
    plan.dispose();
  });

  it('runs no kernel for add(x, 0), mul(x, 1) and clone of an intermediate, and frees it once', async () => {
    const plan = compilePlan(
      new PlanBuilder().plan(
        'identities',
        [['x', [2]]],
        [
          { out: 't', command: 'tf.exp', args: ['x'] },
          { out: 'u', command: 'tf.add', args: ['t', 0] },
          { out: 'v', command: 'tf.mul', args: ['u', 1] },
          { out: 'w', command: 'clone', args: ['v'] },
          { out: 'z', command: 'tf.add', args: ['x', 0] },
          { out: 's', command: 'tf.sub', args: ['w', 't'] },
        ],
        ['s', 'v', 'z'],
      ),
    );
    const x = tf.tensor1d([0, 1]);
    const before = tf.memory().numTensors;
    let outs: tf.Tensor[] = [];

    const profile = await tf.profile(() => {
      outs = plan.execute([x]);
    });

    expect(
      profile.kernels.map((k) => k.name).filter((n) => n === 'Add' || n === 'Multiply'),
    ).toEqual([]);
    expect(values(outs[0])).toEqual([0, 0]);
    expect(values(outs[1])[1]).toBeCloseTo(Math.E, 5);
    // z aliases the caller's x, so the caller gets its own copy.
    expect(outs[2]).not.toBe(x);
    tf.dispose(outs);
    expect(x.isDisposed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
    plan.dispose();
  });

  it('reports a missing operand of a binary op when the plan runs, not a silent identity', () => {
    const plan = compilePlan(
      new PlanBuilder().plan(
        'short',
        [['x', [2]]],
        [{ out: 'y', command: 'tf.pow', args: ['x'] }],
        ['y'],
      ),
    );
    const x = tf.tensor1d([1, 2]);

    expect(() => plan.execute([x])).toThrow(
      /action 0 \(tf\.pow\) failed: operand "b" must be a tensor or a number, got nothing/,
    );
    x.dispose();
    plan.dispose();
  });
});
