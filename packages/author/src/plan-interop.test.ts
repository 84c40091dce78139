import * as tf from '@tensorflow/tfjs';
import { decodePlan, encodePlan } from '@syft-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSyftJsPlan } from '../../../test-support/syftjs/run-syftjs-plan.mjs';
import { averagingPlan } from './averaging-plan.js';
import { interpret, maxAbsError } from './interpret.test-helper.js';
import { mnist2nn } from './models/builders.js';
import { adam } from './optimizers/adam.js';

const asInput = (t: tf.Tensor) => ({ shape: t.shape, values: t.dataSync() });

function trainingInputs(batchSize: number, params: tf.Tensor[]): tf.Tensor[] {
  const x = tf.randomUniform([batchSize, 784], 0, 1, 'float32', 11);
  const y = tf.oneHot(tf.randomUniform([batchSize], 0, 10, 'int32', 12), 10).toFloat();
  return [x, y, tf.tensor1d([batchSize]), tf.tensor1d([0.05]), ...params];
}

describe('traced plans on the wire', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('encode then decode gives the same program and the same outputs', () => {
    const built = mnist2nn({ seed: 1, batchSize: 8, optimizer: adam() });
    const inputs = [...trainingInputs(8, built.params), ...built.optimizerState];

    const decoded = decodePlan(encodePlan(built.trainingPlan));

    expect(decoded).toEqual(built.trainingPlan);
    const before = interpret(built.trainingPlan, inputs);
    const after = interpret(decoded, inputs);
    expect(after).toHaveLength(before.length);
    after.forEach((t, i) => expect(maxAbsError(t, before[i]!)).toBe(0));
  });

  it('published syft.js 0.1.4 executes the 2NN training plan with the same outputs', async () => {
    const built = mnist2nn({ seed: 2, batchSize: 8 });
    const inputs = trainingInputs(8, built.params);
    const expected = interpret(built.trainingPlan, inputs);

    const outputs = await runSyftJsPlan(encodePlan(built.trainingPlan), inputs.map(asInput));

    expect(outputs).toHaveLength(expected.length);
    outputs.forEach((out, i) => {
      expect(out.shape).toEqual(expected[i]!.shape);
      expect(maxAbsError(tf.tensor(out.values, out.shape), expected[i]!)).toBeLessThan(1e-6);
    });
  });

  it('syft.js runs it with the batch size as a plain number, as its PlanTrainer passes it', async () => {
    const built = mnist2nn({ seed: 3, batchSize: 8 });
    const inputs = trainingInputs(8, built.params);
    const expected = interpret(built.trainingPlan, inputs);

    const wire = inputs.map(asInput) as Parameters<typeof runSyftJsPlan>[1][number][];
    wire[2] = 8;
    const outputs = await runSyftJsPlan(encodePlan(built.trainingPlan), wire);

    expect(outputs[0]!.shape).toEqual([]);
    expect(outputs[0]!.values[0]).toBeCloseTo(expected[0]!.dataSync()[0]!, 5);
    expect(
      maxAbsError(tf.tensor(outputs[2]!.values, outputs[2]!.shape), expected[2]!),
    ).toBeLessThan(1e-6);
  });

  it('syft.js executes the averaging plan as a running mean', async () => {
    const plan = averagingPlan([[2, 2], [3]]);
    const avg = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor1d([0, 0, 3]),
    ];
    const item = [
      tf.tensor2d([
        [5, 6],
        [7, 8],
      ]),
      tf.tensor1d([3, 3, 3]),
    ];
    const num = tf.tensor1d([3]);

    const ours = interpret(plan, [...avg, ...item, num]);
    const theirs = await runSyftJsPlan(encodePlan(plan), [...avg, ...item, num].map(asInput));

    expect(Array.from(ours[0]!.dataSync())).toEqual([2, 3, 4, 5]);
    expect(Array.from(ours[1]!.dataSync())).toEqual([0.75, 0.75, 3]);
    expect(theirs.map((t) => t.values)).toEqual(ours.map((t) => Array.from(t.dataSync())));
  });
});
