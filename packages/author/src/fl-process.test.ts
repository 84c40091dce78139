import * as tf from '@tensorflow/tfjs';
import { arraysFromState } from '@syft-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { averagingPlan } from './averaging-plan.js';
import { flProcess } from './fl-process.js';
import { mnistMlp } from './models/builders.js';

describe('flProcess', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('packs the initial State, both plans and configs; the batch size comes from the plan', () => {
    const built = mnistMlp({ seed: 1, batchSize: 32 });

    const proc = flProcess(built, {
      name: 'mnist',
      version: '1.0.0',
      clientConfig: { max_updates: 5 },
      serverConfig: { num_cycles: 3 },
    });

    expect(proc.name).toBe('mnist');
    expect(Object.keys(proc.plans)).toEqual(['training_plan', 'evaluation_plan']);
    expect(proc.averagingPlan).toBeUndefined();
    expect(proc.clientConfig).toEqual({ batch_size: 32, lr: 0.1, max_updates: 5 });
    expect(proc.serverConfig).toEqual({ num_cycles: 3 });
    const arrays = arraysFromState(proc.model);
    expect(arrays.map((a) => a.shape)).toEqual([[392, 784], [392], [10, 392], [10]]);
    expect(Array.from(arrays[0]!.values.slice(0, 4))).toEqual(
      Array.from(built.params[0]!.dataSync().slice(0, 4)),
    );
  });

  it('with averaging, adds the iterative averaging plan and iterative_plan: true', () => {
    const proc = flProcess(mnistMlp({ batchSize: 8 }), {
      name: 'm',
      version: '1',
      averaging: true,
    });

    expect(proc.averagingPlan?.role?.inputIds).toHaveLength(9);
    expect(proc.serverConfig).toEqual({ iterative_plan: true });
  });

  it('an averaging plan over no parameters is refused', () => {
    expect(() => averagingPlan([])).toThrow(/averagingPlan parameter shapes.*empty list/);
  });
});
