import { opForCommand, type Plan } from '@syft-ts/core';
import { describe, expect, it } from 'vitest';
import { averagingPlan } from './averaging-plan.js';
import { mnist2nnModel, mnistMlpModel } from './models/mlp.js';
import { mnistCnnModel } from './models/cnn.js';
import { evaluationPlan, trainingPlan } from './models/classifier-plans.js';
import { adam } from './optimizers/adam.js';
import { sgdMomentum } from './optimizers/momentum.js';
import { tracePlan } from './trace-plan.js';

function commands(plan: Plan): Set<string> {
  return new Set(plan.role!.actions.map((a) => a.command));
}

describe('tracePlan', () => {
  it('builds a tfjs plan whose role is roles.tfjs, with shaped inputs and outputs', () => {
    const plan = tracePlan(
      'double',
      { x: [2, 3], k: { shape: [1], dtype: 'int32' } },
      (t, { x }) => [t.mul(x, 2)],
    );
    const role = plan.role!;

    expect(plan.name).toBe('double');
    expect(plan.baseFramework).toBe('tfjs');
    expect(plan.roles.get('tfjs')).toBe(role);
    expect(plan.includeState).toBe(false);
    expect(role.inputIds).toHaveLength(2);
    expect(role.actions).toEqual([
      {
        command: 'tf.mul',
        args: [
          { kind: 'placeholderId', value: role.inputIds[0] },
          { kind: 'int', value: 2n },
        ],
        kwargs: new Map(),
        returnIds: [],
        returnPlaceholderIds: [role.outputIds[0]],
      },
    ]);
    const shapes = new Map(role.placeholders.map((p) => [p.id, p.expectedShape]));
    expect(shapes.get(role.inputIds[0])).toEqual([2, 3]);
    expect(shapes.get(role.inputIds[1])).toEqual([1]);
    expect(shapes.get(role.outputIds[0])).toEqual([2, 3]);
  });

  it('chained tensor methods record the same actions as the op functions', () => {
    const spec = { x: [4, 3], w: [2, 3], b: [2] };
    const chained = tracePlan('chained', spec, (_t, { x, w, b }) => [
      x.matMul(w.transpose()).add(b).relu().sum(1, true),
    ]);
    const functional = tracePlan('functional', spec, (t, { x, w, b }) => [
      t.sum(t.relu(t.add(t.matMul(x, t.transpose(w)), b)), 1, true),
    ]);
    const shape = (plan: Plan) =>
      plan.role!.actions.map((a) => [a.command, a.args.map((arg) => arg.kind)]);

    expect(shape(chained)).toEqual(shape(functional));
    expect(chained.role!.placeholders.at(-1)!.expectedShape).toEqual([4, 1]);
  });

  it('gives every placeholder, the role and the plan distinct int64 ids below 2^53', () => {
    const plan = trainingPlan(mnistMlpModel());
    const ids = [plan.id, plan.role!.id, ...plan.role!.placeholders.map((p) => p.id)];

    expect(ids.every((id) => typeof id === 'bigint' && id > 0n && id < 2n ** 53n)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('flattens a list of shapes into consecutive inputs, in declaration order', () => {
    const plan = tracePlan('order', { a: [1], group: [[2], [3]], b: [4] }, (t, i) => [
      t.add(i.group[1], 0),
    ]);
    const shapes = new Map(plan.role!.placeholders.map((p) => [p.id, p.expectedShape]));

    expect(plan.role!.inputIds.map((id) => shapes.get(id))).toEqual([[1], [2], [3], [4]]);
  });

  it('MLP training plans with every optimizer emit only commands the core interpreter runs, positional only', () => {
    const plans = [
      trainingPlan(mnist2nnModel()),
      trainingPlan(mnistMlpModel(), { optimizer: sgdMomentum() }),
      trainingPlan(mnistMlpModel(), { optimizer: adam() }),
      evaluationPlan(mnist2nnModel()),
      averagingPlan([[3, 2], [2]]),
    ];

    for (const plan of plans) {
      for (const command of commands(plan)) expect(opForCommand(command), command).toBeDefined();
      expect(plan.role!.actions.every((a) => a.kwargs.size === 0)).toBe(true);
    }
  });

  it('the CNN plan needs only tf.conv2d beyond the core op table (docs/limitations.md)', () => {
    const unsupported = [...commands(trainingPlan(mnistCnnModel()))].filter(
      (c) => !opForCommand(c),
    );

    expect(unsupported.filter((c) => c !== 'tf.conv2d')).toEqual([]);
  });

  it('the MNIST training plans list inputs and outputs in syft.js order', () => {
    const plan = trainingPlan(mnist2nnModel(), { batchSize: 32, optimizer: sgdMomentum() });
    const role = plan.role!;
    const shapes = new Map(role.placeholders.map((p) => [p.id, p.expectedShape]));
    const params = [[200, 784], [200], [200, 200], [200], [10, 200], [10]];

    expect(role.inputIds.map((id) => shapes.get(id))).toEqual([
      [32, 784],
      [32, 10],
      [1],
      [1],
      ...params,
      ...params,
    ]);
    expect(role.outputIds.map((id) => shapes.get(id))).toEqual([[1], [1], ...params, ...params]);
  });
});
