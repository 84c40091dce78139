import * as tf from '@tensorflow/tfjs';
import { decodeState, type State } from '@syft-ts/core';
import { buildClassifier, mlp, type BuiltClassifier } from '@syft-ts/author';
import type { GridHandle } from '@syft-ts/grid';
import { hostTraining } from './host-training.js';
import type { Job, JobAccepted, JobRejected } from './job.js';
import { PlanInputSpec, PlanOutputSpec } from './plan-specs.js';
import {
  type TestGrid,
  startTestGrid as startSharedTestGrid,
} from '../../../test-support/grid/test-grid.js';

/** A real grid for these tests (shared with the other packages' tests). */
export type { TestGrid } from '../../../test-support/grid/test-grid.js';

/** Starts a real grid on a free loopback port, logging nothing. */
export function startTestGrid(): Promise<TestGrid> {
  return startSharedTestGrid('syft-client-test-');
}

/** The batch size the test plans are traced for. */
export const BATCH_SIZE = 16;

/** A small MNIST MLP (784-16-10) from @syft-ts/author's builder, for the cheaper tests. */
export function tinyMnistMlp(): BuiltClassifier {
  return buildClassifier(mlp('tiny_mlp', [784, 16, 10]), { seed: 3, batchSize: BATCH_SIZE });
}

/**
 * Hosts an MNIST process over the grid's WebSocket with the owner token.
 *
 * @param built - the model and plans (default: {@link tinyMnistMlp})
 */
export async function hostMnist(
  grid: GridHandle,
  name: string,
  serverConfig: Record<string, unknown>,
  built: BuiltClassifier = tinyMnistMlp(),
): Promise<void> {
  try {
    await hostTraining(grid.wsUrl, grid.ownerToken, {
      name,
      version: '1.0.0',
      model: built.state,
      plans: { training_plan: built.trainingPlan },
      clientConfig: { batch_size: BATCH_SIZE, lr: 0.1, max_updates: 4, max_epochs: 1 },
      serverConfig: { cycle_length: 3600, ...serverConfig },
      verbose: true,
    });
  } finally {
    tf.dispose([...built.params, ...built.optimizerState]);
  }
}

/** The owner's view of a checkpoint (`retrieve-model`), decoded. */
export async function retrieveModel(grid: GridHandle, name: string): Promise<State> {
  const response = await fetch(
    `${grid.url}/model-centric/retrieve-model?name=${name}&version=1.0.0`,
    { headers: { authorization: `Bearer ${grid.ownerToken}` } },
  );
  if (!response.ok) throw new Error(`retrieve-model answered ${response.status}`);
  return decodeState(new Uint8Array(await response.arrayBuffer()));
}

/** The outcome of one `job.request()`: exactly one of the three events. */
export type JobOutcome =
  | { event: 'accepted'; payload: JobAccepted }
  | { event: 'rejected'; payload: JobRejected }
  | { event: 'error'; payload: Error };

/** Requests a cycle and resolves with the first event the job fires. */
export function requestOutcome(
  job: Job,
  onAccepted?: (a: JobAccepted) => Promise<void>,
): Promise<JobOutcome> {
  return new Promise((resolve, reject) => {
    job.on('accepted', async (payload) => {
      try {
        if (onAccepted) await onAccepted(payload);
        resolve({ event: 'accepted', payload });
      } catch (error) {
        reject(error);
      }
    });
    job.on('rejected', (payload) => resolve({ event: 'rejected', payload }));
    job.on('error', (payload) => resolve({ event: 'error', payload }));
    void job.request();
  });
}

/** The specs of @syft-ts/author's training plan: (X, y, batchSize, lr, ...params) → (loss, acc, ...params). */
export const trainingSpecs = {
  inputs: [
    new PlanInputSpec(PlanInputSpec.TYPE_DATA),
    new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
    new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
    new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
    new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
  ],
  outputs: [
    new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
    new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
    new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
  ],
};

/** Float32 values of every tensor of a State, flattened, for comparisons. */
export function stateValues(state: State): Float32Array[] {
  return state.tensors.map((entry) => {
    const tensor = entry.kind === 'tensor' ? entry.tensor : entry.parameter.tensor;
    return Float32Array.from(tensor?.data?.values as Float32Array);
  });
}

/** Float32 values of tensors. */
export function tensorValues(tensors: tf.Tensor[]): Float32Array[] {
  return tensors.map((t) => Float32Array.from(t.dataSync()));
}
