import {
  PlanInputSpec,
  PlanOutputSpec,
  PlanTrainerCheckpoint,
  Syft,
  tf,
  type Job,
  type JobAccepted,
  type PlanTrainer,
} from '../../browser/syft-browser.js';
import type { BatchPoint, CheckpointStore, SavedTraining } from './checkpoint-store.js';
import { toTrainingTensors, type MnistSlice } from './mnist-slice.js';
import { modelDigest } from './model-digest.js';
import { trainingKey, type WorkerPageSettings } from './worker-settings.js';

/** Where a session is: the page shows it and enables its buttons from it. */
export type SessionState =
  | 'requesting'
  | 'training'
  | 'stopping'
  | 'stopped'
  | 'reporting'
  | 'reported'
  | 'rejected'
  | 'failed';

/** What the page hears from a session. */
export interface SessionListeners {
  /** The session moved to `state`; `detail` is a sentence for the status line. */
  state(state: SessionState, detail: string): void;
  /** A batch finished. */
  batch(point: BatchPoint): void;
  /** Training starts from the grid model, not a checkpoint: earlier points no longer apply. */
  fresh(): void;
}

/**
 * The training plan's arguments and outputs, as @syft-ts/author's `trainingPlan` and syft.js's
 * MNIST example define them: `(X, y, batchSize, lr, ...params)` → `(loss, accuracy, ...params)`.
 */
const INPUTS = [
  new PlanInputSpec(PlanInputSpec.TYPE_DATA),
  new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
  new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
  new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
  new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
];
const OUTPUTS = [
  new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
  new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
  new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
];

/** Progress points kept with a checkpoint, at most. */
const MAX_SAVED_POINTS = 5000;

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * One browser worker's part in one cycle: request the cycle, train the hosted plan on the
 * page's MNIST slice, and report the diff. Training can be stopped (the checkpoint goes to the
 * browser's storage) and resumed, in the same page or, after a reload, from storage: then the
 * worker requests the cycle again and resumes only if the grid still serves the model the
 * checkpoint started from.
 */
export class WorkerSession {
  private readonly syft: Syft;
  private job: Job | undefined;
  private accepted: JobAccepted | undefined;
  private trainer: PlanTrainer | undefined;
  private tensors: { data: tf.Tensor; target: tf.Tensor } | undefined;
  private baseModelDigest = '';
  private readonly progress: BatchPoint[] = [];

  /**
   * @param settings - process, plan and slice
   * @param slice - the downloaded MNIST slice
   * @param store - where stopped trainings are kept
   * @param listeners - the page's callbacks
   */
  constructor(
    private readonly settings: WorkerPageSettings,
    private readonly slice: MnistSlice,
    private readonly store: CheckpointStore,
    private readonly listeners: SessionListeners,
  ) {
    const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
    // verbose allows a plain ws:// grid (a local one); logs stay at warn.
    this.syft = new Syft({ url: wsUrl, verbose: true, logLevel: 'warn' });
  }

  /**
   * Requests a cycle and trains to the end (then reports) or until `stop()`.
   *
   * @param saved - a stopped training from storage to resume, if its base model still matches
   */
  async run(saved?: SavedTraining): Promise<void> {
    this.listeners.state('requesting', `requesting a cycle of ${this.settings.modelName}`);
    const outcome = await this.requestCycle();
    if (outcome === undefined) return;
    this.accepted = outcome;

    const modelBytes = new Uint8Array(await outcome.model.toProtobuf());
    this.baseModelDigest = modelDigest(modelBytes);
    let checkpoint: PlanTrainerCheckpoint | undefined;
    let note = 'accepted: training from the grid model';
    if (saved !== undefined && saved.baseModelDigest === this.baseModelDigest) {
      checkpoint = PlanTrainerCheckpoint.fromJSON(this.syft, saved.checkpoint);
      this.progress.push(...saved.progress);
      note = `accepted: resuming the saved checkpoint at epoch ${checkpoint.epoch + 1}, batch ${checkpoint.batch + 1}`;
    } else if (saved !== undefined) {
      await this.store.remove(saved.key);
      note = 'accepted: the grid model changed since the checkpoint was saved, so it was discarded';
    }

    this.tensors = toTrainingTensors(this.slice);
    const trainer = (this.job as Job).train(this.settings.planName, {
      inputs: INPUTS,
      outputs: OUTPUTS,
      data: this.tensors.data,
      target: this.tensors.target,
      checkpoint,
    });
    checkpoint?.dispose();
    this.trainer = trainer;
    trainer.on('batchEnd', ({ epoch, batch, loss, metrics }) => {
      const point = { epoch, batch, loss: loss ?? null, accuracy: metrics?.accuracy ?? null };
      this.progress.push(point);
      this.listeners.batch(point);
    });

    if (checkpoint === undefined) this.listeners.fresh();
    this.listeners.state('training', note);
    await this.finish(() => (checkpoint === undefined ? trainer.start() : trainer.resume()));
  }

  /** Stops training before its next batch and saves the checkpoint to the browser's storage. */
  async stop(): Promise<void> {
    const trainer = this.trainer;
    if (trainer === undefined || trainer.stopped) return;
    this.listeners.state('stopping', 'stopping after the current batch');
    const checkpoint = await trainer.stop();
    try {
      await this.store.save({
        key: trainingKey(this.settings),
        savedAtMs: Date.now(),
        baseModelDigest: this.baseModelDigest,
        checkpoint: await checkpoint.toJSON(),
        progress: this.progress.slice(-MAX_SAVED_POINTS),
      });
    } finally {
      checkpoint.dispose();
    }
    this.listeners.state(
      'stopped',
      `stopped at epoch ${checkpoint.epoch + 1}, batch ${checkpoint.batch + 1}: checkpoint saved in this browser`,
    );
  }

  /** Continues a training stopped in this page. */
  async resume(): Promise<void> {
    const trainer = this.trainer;
    if (trainer === undefined || !trainer.stopped) return;
    this.listeners.state('training', 'resumed');
    await this.finish(() => trainer.resume());
  }

  /** Frees the tensors and closes the connection. */
  dispose(): void {
    this.trainer?.dispose();
    if (this.tensors !== undefined) tf.dispose([this.tensors.data, this.tensors.target]);
    this.job?.releaseCycle();
    this.syft.close();
  }

  private requestCycle(): Promise<JobAccepted | undefined> {
    const job = this.syft.newJob({
      modelName: this.settings.modelName,
      modelVersion: this.settings.modelVersion,
    });
    this.job = job;
    return new Promise((resolve) => {
      job.on('accepted', (accepted) => resolve(accepted));
      job.on('rejected', ({ timeout, reason }) => {
        const retry = timeout === null ? 'the process is complete' : `retry in ${timeout} s`;
        this.listeners.state('rejected', `rejected (${reason ?? 'no reason given'}): ${retry}`);
        resolve(undefined);
      });
      job.on('error', (error) => {
        this.listeners.state('failed', `failed: ${error.message}`);
        resolve(undefined);
      });
      void job.start();
    });
  }

  /** Runs (or resumes) the loop; when it ends without a stop, reports the diff. */
  private async finish(loop: () => Promise<void>): Promise<void> {
    const trainer = this.trainer as PlanTrainer;
    try {
      await loop();
      if (trainer.stopped) return;
      if (trainer.currentModel === null) {
        this.listeners.state('failed', 'failed: the slice is smaller than one batch');
        return;
      }

      this.listeners.state('reporting', 'training done: reporting the diff');
      const { model } = this.accepted as JobAccepted;
      const diff = await model.createSerializedDiffFromModel(trainer.currentModel);
      await (this.job as Job).report(diff, { numSamples: this.trainedSamples() });
      await this.store.remove(trainingKey(this.settings));
      this.listeners.state('reported', 'diff reported: this worker is done with the cycle');
    } catch (error) {
      this.listeners.state('failed', `failed: ${message(error)}`);
    }
  }

  /**
   * Examples the diff was trained on: whole batches over all epochs, with the loop settings
   * `Job.train` takes from the client config (`batch_size`, `max_epochs`, `max_updates`).
   */
  private trainedSamples(): number {
    const config = (this.accepted as JobAccepted).clientConfig;
    const setting = (name: string): number | undefined => {
      const value = config[name];
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
    };
    const batchSize = setting('batch_size') ?? 1;
    const perEpoch = Math.floor(this.slice.count / batchSize);
    const batches = Math.min(perEpoch, setting('max_updates') ?? perEpoch);
    return Math.max(1, batches * batchSize * (setting('max_epochs') ?? 1));
  }
}
