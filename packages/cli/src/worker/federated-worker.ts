import {
  type Job,
  type JobAccepted,
  PlanInputSpec,
  PlanOutputSpec,
  PlanTrainerCheckpoint,
  Syft,
  type SyftModel,
} from '@syft-ts/client';
import * as tf from '@tensorflow/tfjs';

import type { LabelledImages } from '../mnist/labelled-images.js';
import { type RandomSource, shuffleInPlace } from '../mnist/seeded-random.js';
import { toTrainingTensors } from '../mnist/training-tensors.js';

/** Batches handed to one PlanTrainer run (see `trainLocally`). */
const CHUNK_BATCHES = 20;

/** Name of the training plan in the hosted process. */
export const TRAINING_PLAN_NAME = 'training_plan';

/**
 * How the worker maps values onto the classifier training plan's arguments: `(data, target,
 * batchSize, lr, ...params)` in, `(loss, accuracy, ...params)` out, as in syft.js's MNIST
 * example and @syft-ts/author's `trainingPlan`.
 */
const PLAN_INPUTS = [
  new PlanInputSpec(PlanInputSpec.TYPE_DATA),
  new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
  new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
  new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
  new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
];
const PLAN_OUTPUTS = [
  new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
  new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
  new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
];

/** Where a worker takes part: the grid and the FL process. */
export interface FederatedWorkerOptions {
  /** Grid address (`http(s)://` or `ws(s)://`); the worker keeps one WebSocket to it. */
  readonly gridUrl: string;
  /** FL process name, e.g. `mnist`. */
  readonly modelName: string;
  /** FL process version, e.g. `1.0.0`. */
  readonly modelVersion: string;
  /** Worker authentication token, for processes that require one. */
  readonly authToken?: string | undefined;
  /** The worker's local training examples. */
  readonly examples: LabelledImages;
  /** Random source for the example order of each cycle. */
  readonly random: RandomSource;
}

/** What happened when a worker asked to join a cycle. */
export type CycleOutcome =
  | {
      readonly status: 'reported';
      /** Checkpoint and plan bytes downloaded. */
      readonly bytesDown: number;
      /** Diff bytes uploaded. */
      readonly bytesUp: number;
      /** Examples trained on (whole batches times epochs). */
      readonly samples: number;
      /** Loss of the last local batch. */
      readonly lastLoss: number | null;
    }
  | {
      readonly status: 'rejected';
      /** Seconds after which a retry can succeed; null once the process is complete. */
      readonly retryAfterSeconds: number | null;
      /** The grid's reason, such as `cycle_full`. */
      readonly reason: string;
    }
  | { readonly status: 'failed'; readonly message: string };

/**
 * One federated worker: a @syft-ts/client `Syft` instance with its own WebSocket and its own
 * examples. Each `joinCycle` requests a cycle and, when accepted, trains the hosted training
 * plan on the examples (shuffled afresh) and reports the diff, weighted by its sample count.
 */
export class FederatedWorker {
  private readonly syft: Syft;

  /** @param options - grid, process and local data */
  constructor(private readonly options: FederatedWorkerOptions) {
    this.syft = new Syft({ url: options.gridUrl, verbose: true, logLevel: 'silent' });
  }

  /**
   * Asks to join the current cycle and, when accepted, trains and reports.
   *
   * @returns what happened; never rejects
   */
  joinCycle(): Promise<CycleOutcome> {
    const job = this.syft.newJob({
      modelName: this.options.modelName,
      modelVersion: this.options.modelVersion,
      authToken: this.options.authToken,
    });
    return new Promise<CycleOutcome>((resolve) => {
      job.on('accepted', async (accepted) => resolve(await this.trainAndReport(job, accepted)));
      job.on('rejected', ({ timeout, reason }) =>
        resolve({ status: 'rejected', retryAfterSeconds: timeout, reason: reason ?? 'unknown' }),
      );
      job.on('error', (error) => resolve({ status: 'failed', message: error.message }));
      void job.start();
    });
  }

  /** Closes the worker's WebSocket. */
  close(): void {
    this.syft.close();
  }

  private async trainAndReport(
    job: Job,
    { model, clientConfig }: JobAccepted,
  ): Promise<CycleOutcome> {
    try {
      const epochs =
        positiveInteger(clientConfig['epochs']) ?? positiveInteger(clientConfig['max_epochs']) ?? 1;
      const batchSize = positiveInteger(clientConfig['batch_size']);
      if (batchSize === undefined) {
        return { status: 'failed', message: 'client_config has no positive integer batch_size' };
      }
      const batches = Math.min(
        Math.floor(this.options.examples.count / batchSize),
        positiveInteger(clientConfig['max_updates']) ?? Number.POSITIVE_INFINITY,
      );
      if (batches === 0) {
        return { status: 'failed', message: `fewer examples than one batch of ${batchSize}` };
      }

      const { trained, lastLoss } = await this.trainLocally(job, model, clientConfig, {
        epochs,
        batchSize,
        examplesPerEpoch: batches * batchSize,
      });
      const diff = await model.createSerializedDiffFromModel(trained);
      trained.dispose();
      const samples = batches * batchSize * epochs;
      await job.report(diff, { numSamples: samples });

      const modelBytes = (await model.toProtobuf()).byteLength;
      const planBytes = Object.values(job.plans).reduce((sum, plan) => sum + plan.bytes.length, 0);
      return {
        status: 'reported',
        bytesDown: modelBytes + planBytes,
        bytesUp: diff.byteLength,
        samples,
        lastLoss,
      };
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    } finally {
      job.releaseCycle();
    }
  }

  /**
   * Runs the training plan for `epochs` passes over the examples, in a fresh random order each
   * epoch. Each pass is fed to the PlanTrainer in chunks of {@link CHUNK_BATCHES} batches,
   * handing the parameters from one chunk to the next through a `PlanTrainerCheckpoint`:
   * tfjs-wasm's `slice` copies its whole input, so slicing batches out of a small chunk
   * instead of the whole shard keeps each step's cost independent of the shard size.
   */
  private async trainLocally(
    job: Job,
    model: SyftModel,
    clientConfig: Record<string, unknown>,
    loop: { epochs: number; batchSize: number; examplesPerEpoch: number },
  ): Promise<{ trained: SyftModel; lastLoss: number | null }> {
    const { examples, random } = this.options;
    const { epochs, batchSize, examplesPerEpoch: usable } = loop;
    const chunkSize = CHUNK_BATCHES * batchSize;
    let current = model.clone();
    let lastLoss: number | null = null;

    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffleInPlace(
        Array.from({ length: examples.count }, (_, i) => i),
        random,
      ).slice(0, usable);
      for (let start = 0; start < usable; start += chunkSize) {
        const { data, target } = toTrainingTensors(examples, order.slice(start, start + chunkSize));
        const checkpoint = new PlanTrainerCheckpoint({
          epochs: 1,
          stepsPerEpoch: null,
          batchSize,
          clientConfig,
          epoch: 0,
          batch: 0,
          currentModel: current,
        });
        const trainer = job.train(TRAINING_PLAN_NAME, {
          inputs: PLAN_INPUTS,
          outputs: PLAN_OUTPUTS,
          data,
          target,
          epochs: 1,
          batchSize,
          checkpoint,
        });
        trainer.on('batchEnd', ({ loss }) => {
          lastLoss = loss ?? lastLoss;
        });
        try {
          await trainer.resume();
          const next = (trainer.currentModel ?? current).clone();
          current.dispose();
          current = next;
        } finally {
          trainer.dispose();
          tf.dispose([data, target]);
        }
      }
    }
    return { trained: current, lastLoss };
  }
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}
