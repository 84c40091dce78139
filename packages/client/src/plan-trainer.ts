import * as tf from '@tensorflow/tfjs';
import { ClientArgumentError, TrainingError } from './errors.js';
import { EventObserver, type Listener } from './event-observer.js';
import type { Logger } from './logger.js';
import { resolveInputs, resolveOutputs } from './plan-arguments.js';
import type { PlanInputSpec, PlanOutputSpec } from './plan-specs.js';
import { PlanTrainerCheckpoint } from './plan-trainer-checkpoint.js';
import type { Plan } from './plan.js';
import { SyftModel } from './syft-model.js';
import { TrainingBatches } from './training-batches.js';

/** Payloads of the PlanTrainer events. */
export interface PlanTrainerEvents {
  start: Record<string, never>;
  end: Record<string, never>;
  stop: Record<string, never>;
  epochStart: { epoch: number };
  epochEnd: { epoch: number };
  batchStart: { epoch: number; batch: number };
  batchEnd: { epoch: number; batch: number; loss?: number; metrics?: Record<string, number> };
}

/** Listeners given to `Job.train` under `events`. */
export type PlanTrainerListeners = {
  [E in keyof PlanTrainerEvents]?: Listener<PlanTrainerEvents[E]>;
};

/** Everything a PlanTrainer needs. */
export interface PlanTrainerOptions {
  worker: unknown;
  plan: Plan;
  inputs: readonly PlanInputSpec[];
  outputs: readonly PlanOutputSpec[];
  model: SyftModel;
  data: tf.Tensor;
  target: tf.Tensor;
  epochs: number;
  batchSize: number;
  stepsPerEpoch: number | null;
  clientConfig: Record<string, unknown>;
  checkpoint?: PlanTrainerCheckpoint | undefined;
  events?: PlanTrainerListeners | undefined;
  logger: Logger;
}

/**
 * The training loop: runs the training plan on batches of `data`/`target`, feeding each
 * batch the parameters the previous batch returned.
 *
 * `currentModel` holds the trainer's working tensors: it stays valid until the next batch
 * runs or the trainer is disposed; clone it to keep it longer.
 *
 * @example
 * const trainer = job.train('training_plan', { inputs, outputs, data, target });
 * trainer.on('batchEnd', ({ epoch, batch, loss }) => console.log(epoch, batch, loss));
 * await trainer.start();
 */
export class PlanTrainer {
  /** The model training started from. */
  readonly originalModel: SyftModel;
  /** The parameters after the last trained batch (null before the first batch). */
  currentModel: SyftModel | null = null;
  /** Current epoch. */
  epoch = 0;
  /** Current batch within the epoch. */
  batchIdx = 0;
  /** Whether training is stopped (by `stop()` or a restored checkpoint). */
  stopped = false;

  private epochs: number;
  private batchSize: number;
  private stepsPerEpoch: number | null;
  private clientConfig: Record<string, unknown>;
  private running = false;
  private stopWaiters: ((checkpoint: PlanTrainerCheckpoint) => void)[] = [];
  private readonly observer: EventObserver<PlanTrainerEvents>;
  private readonly batches: TrainingBatches;

  /** @param options - plan, specs, model, data and loop settings */
  constructor(private readonly options: PlanTrainerOptions) {
    validateLoopSettings(options);
    this.originalModel = options.model;
    this.epochs = options.epochs;
    this.batchSize = options.batchSize;
    this.stepsPerEpoch = options.stepsPerEpoch;
    this.clientConfig = options.clientConfig;
    this.observer = new EventObserver(options.logger);
    this.batches = new TrainingBatches(options.data, options.target);
    for (const [event, listener] of Object.entries(options.events ?? {})) {
      // Each listener was typed for its own event by PlanTrainerListeners.
      if (listener !== undefined) this.on(event as 'start', listener as Listener<object>);
    }
    if (options.checkpoint !== undefined) this.applyCheckpoint(options.checkpoint);
  }

  /**
   * Registers a listener: `start`, `end`, `stop`, `epochStart`, `epochEnd`, `batchStart`,
   * `batchEnd`.
   *
   * @param event - the event name
   * @param handler - the listener
   */
  on<E extends keyof PlanTrainerEvents>(event: E, handler: Listener<PlanTrainerEvents[E]>): void {
    this.observer.subscribe(event, handler);
  }

  /**
   * Runs the training loop to the end or until `stop()`.
   *
   * @param resume - continue from where a stopped training (or a checkpoint) left off
   */
  async start(resume = false): Promise<void> {
    if (this.running) throw new TrainingError('training is already running');
    let startEpoch = 0;
    let startBatch = 0;
    if (resume && this.stopped && this.currentModel !== null) {
      startEpoch = this.epoch;
      startBatch = this.batchIdx;
    } else if (resume && this.stopped) {
      startEpoch = this.epoch;
      startBatch = this.batchIdx;
      this.currentModel = this.originalModel.clone();
    } else {
      this.currentModel?.dispose();
      this.currentModel = this.originalModel.clone();
    }
    this.stopped = false;
    this.running = true;
    try {
      await this.loop(startEpoch, startBatch);
    } finally {
      this.running = false;
      this.releaseStopWaiters();
    }
  }

  /** Continues a stopped training; does nothing if training is not stopped. */
  async resume(): Promise<void> {
    if (this.stopped) await this.start(true);
  }

  /**
   * Stops the loop before its next batch and resolves with a checkpoint of that point.
   * When training is not running, resolves at once with the current checkpoint.
   */
  stop(): Promise<PlanTrainerCheckpoint> {
    this.stopped = true;
    if (!this.running) return Promise.resolve(this.createCheckpoint());
    return new Promise((resolve) => this.stopWaiters.push(resolve));
  }

  /** Snapshots the training state; the checkpoint owns a copy of the parameters. */
  createCheckpoint(): PlanTrainerCheckpoint {
    return new PlanTrainerCheckpoint({
      epochs: this.epochs,
      stepsPerEpoch: this.stepsPerEpoch,
      batchSize: this.batchSize,
      clientConfig: this.clientConfig,
      epoch: this.epoch,
      batch: this.batchIdx,
      currentModel: (this.currentModel ?? this.originalModel).clone(),
    });
  }

  /**
   * Restores the state of a checkpoint (copying its parameters) and marks training stopped,
   * so that `resume()` continues from it.
   *
   * @param checkpoint - the checkpoint
   */
  applyCheckpoint(checkpoint: PlanTrainerCheckpoint): void {
    if (this.running) throw new TrainingError('cannot apply a checkpoint while training runs');
    this.epochs = checkpoint.epochs;
    this.stepsPerEpoch = checkpoint.stepsPerEpoch;
    this.batchSize = checkpoint.batchSize;
    this.clientConfig = checkpoint.clientConfig;
    this.epoch = checkpoint.epoch;
    this.batchIdx = checkpoint.batch;
    this.currentModel?.dispose();
    this.currentModel = checkpoint.currentModel.clone();
    this.stopped = true;
  }

  /** Frees the working parameters (not the original model) and the host copy of the data. */
  dispose(): void {
    this.currentModel?.dispose();
    this.currentModel = null;
    this.batches.release();
  }

  private batchesPerEpoch(): number {
    const available = Math.floor((this.options.data.shape[0] ?? 0) / this.batchSize);
    return this.stepsPerEpoch === null ? available : Math.min(available, this.stepsPerEpoch);
  }

  private async loop(startEpoch: number, startBatch: number): Promise<void> {
    const numBatches = this.batchesPerEpoch();
    this.observer.broadcast('start', {});
    for (let epoch = startEpoch; epoch < this.epochs; epoch++) {
      this.epoch = epoch;
      this.batchIdx = epoch === startEpoch ? startBatch : 0;
      this.observer.broadcast('epochStart', { epoch });
      if (this.stopRequested()) return;

      while (this.batchIdx < numBatches) {
        this.observer.broadcast('batchStart', { epoch, batch: this.batchIdx });
        if (this.stopRequested()) return;

        const status = await this.trainBatch(epoch, this.batchIdx);
        this.observer.broadcast('batchEnd', status);
        this.batchIdx++;
        // Let other tasks (a browser's UI, a stop() call) run between batches.
        await tf.nextFrame();
      }
      this.observer.broadcast('epochEnd', { epoch });
    }
    this.observer.broadcast('end', {});
  }

  private async trainBatch(epoch: number, batch: number): Promise<PlanTrainerEvents['batchEnd']> {
    const { plan, inputs, outputs } = this.options;
    const model = this.currentModel as SyftModel;
    const [dataBatch, targetBatch] = this.batches.cut(batch * this.batchSize, this.batchSize);

    let raw: tf.Tensor[];
    try {
      const args = resolveInputs(inputs, {
        data: dataBatch,
        target: targetBatch,
        batchSize: this.batchSize,
        clientConfig: this.clientConfig,
        modelParams: model.params,
      });
      raw = await plan.execute(this.options.worker, ...args);
    } finally {
      tf.dispose([dataBatch, targetBatch]);
    }

    let results;
    try {
      results = resolveOutputs(outputs, raw, model.params.length);
    } catch (error) {
      tf.dispose(raw);
      throw error;
    }

    const status: PlanTrainerEvents['batchEnd'] = { epoch, batch };
    if (results.loss !== undefined) status.loss = (await results.loss.data())[0];
    if (results.metrics.size > 0) {
      status.metrics = {};
      for (const [name, tensor] of results.metrics) {
        status.metrics[name] = (await tensor.data())[0] as number;
      }
    }
    tf.dispose([...results.metrics.values(), ...results.unused]);
    if (results.loss !== undefined) results.loss.dispose();
    if (results.modelParams !== undefined) {
      const kept = new Set(results.modelParams);
      tf.dispose(model.params.filter((param) => !kept.has(param)));
      this.currentModel = new SyftModel(results.modelParams);
    }
    return status;
  }

  private stopRequested(): boolean {
    if (!this.stopped) return false;
    this.observer.broadcast('stop', {});
    return true;
  }

  private releaseStopWaiters(): void {
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    if (waiters.length === 0) return;
    const checkpoint = this.createCheckpoint();
    waiters.forEach((resolve, i) => resolve(i === 0 ? checkpoint : this.createCheckpoint()));
  }
}

function validateLoopSettings(options: PlanTrainerOptions): void {
  const positive = (name: string, value: number): void => {
    if (!Number.isInteger(value) || value < 1) {
      throw new ClientArgumentError(`${name} must be a positive integer, got ${value}`);
    }
  };
  positive('epochs', options.epochs);
  positive('batchSize', options.batchSize);
  if (options.stepsPerEpoch !== null) positive('stepsPerEpoch', options.stepsPerEpoch);
  const rows = options.data.shape[0];
  if (rows === undefined || options.target.shape[0] !== rows) {
    throw new ClientArgumentError(
      `data and target must have the same first dimension, got ` +
        `[${options.data.shape.join(', ')}] and [${options.target.shape.join(', ')}]`,
    );
  }
}
