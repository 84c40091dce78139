import type * as tf from '@tensorflow/tfjs';
import { bytesToBase64 } from '@syft-ts/core';
import { asBytes, type BinaryInput } from './bytes.js';
import { ClientArgumentError, GridProtocolError, TrainingError, describeError } from './errors.js';
import { EventObserver, type Listener } from './event-observer.js';
import { isObject, type GridReply } from './grid-reply.js';
import { downloadCycleAssets } from './cycle-downloads.js';
import type { PlanInputSpec, PlanOutputSpec } from './plan-specs.js';
import type { PlanTrainerCheckpoint } from './plan-trainer-checkpoint.js';
import { PlanTrainer, type PlanTrainerListeners } from './plan-trainer.js';
import type { Plan } from './plan.js';
import { parseRejectionTimeout } from './rejection-timeout.js';
import type { Syft } from './syft.js';
import type { SyftModel } from './syft-model.js';

/** Payload of the `accepted` event. */
export interface JobAccepted {
  /** The cycle's model checkpoint. */
  model: SyftModel;
  /** The client config of the FL process, as the grid returned it. */
  clientConfig: Record<string, unknown>;
}

/** Payload of the `rejected` event. */
export interface JobRejected {
  /** Seconds until a retry can succeed; null when the process has finished. */
  timeout: number | null;
  /** The grid's reason (`cycle_full`, `already_participated`, …), when it gave one. */
  reason: string | undefined;
}

/** Job events and their payloads. */
export interface JobEvents {
  accepted: JobAccepted;
  rejected: JobRejected;
  error: Error;
}

/** Options of `Syft.newJob`. */
export interface JobOptions {
  /** FL process (model) name. */
  modelName: string;
  /** FL process version; the latest hosted one when absent. */
  modelVersion?: string | undefined;
  /** Token for processes with authentication. */
  authToken?: string | undefined;
}

/** Parameters of `Job.train`. */
export interface TrainParameters {
  inputs: readonly PlanInputSpec[];
  outputs: readonly PlanOutputSpec[];
  data: tf.Tensor;
  target: tf.Tensor;
  /** Default: client config `max_epochs`, else 1. */
  epochs?: number;
  /** Default: client config `batch_size`. */
  batchSize?: number;
  /** Default: client config `max_updates`, else all batches. */
  stepsPerEpoch?: number;
  checkpoint?: PlanTrainerCheckpoint;
  events?: PlanTrainerListeners;
}

/** Options of `Job.report`. */
export interface ReportOptions {
  /** How many samples the diff was trained on, for weighted averaging. */
  numSamples?: number;
}

interface CycleCredentials {
  workerId: string;
  requestKey: string;
}

/**
 * One training cycle of a worker: authenticate, request a cycle, download, train, report.
 *
 * @example
 * const job = worker.newJob({ modelName: 'mnist', modelVersion: '1.0.0' });
 * job.on('accepted', async ({ model, clientConfig }) => { ... });
 * job.on('rejected', ({ timeout, reason }) => { ... });
 * job.on('error', (err) => { ... });
 * await job.start();
 */
export class Job {
  /** The cycle's plans by name (filled on acceptance). */
  plans: Record<string, Plan> = {};
  /** Protocols by name: not implemented, always empty. */
  protocols: Record<string, never> = {};
  /** The cycle's model (set on acceptance). */
  model: SyftModel | undefined;
  /** The client config (set on acceptance). */
  clientConfig: Record<string, unknown> = {};

  private credentials: CycleCredentials | undefined;
  private readonly observer: EventObserver<JobEvents>;

  /**
   * @param worker - the Syft worker that created the job
   * @param options - the FL process to join
   */
  constructor(
    readonly worker: Syft,
    readonly options: JobOptions,
  ) {
    this.observer = new EventObserver(worker.logger, (event, error) => {
      if (event === 'error')
        worker.logger.error('an error listener failed', { error: describeError(error) });
      else this.emitError(error);
    });
  }

  /**
   * Registers a listener for `accepted`, `rejected` or `error`.
   *
   * @param event - the event name
   * @param handler - the listener; a failing async `accepted` listener raises `error`
   */
  on<E extends keyof JobEvents>(event: E, handler: Listener<JobEvents[E]>): void {
    if (!['accepted', 'rejected', 'error'].includes(event)) {
      throw new ClientArgumentError(`unknown Job event '${String(event)}'`);
    }
    this.observer.subscribe(event, handler);
  }

  /**
   * Authenticates, runs the speed test if the grid asks for it, requests a cycle and, when
   * accepted, downloads the model and plans and fires `accepted`; otherwise fires `rejected`
   * or `error`. The promise resolves once the event has been fired; it does not reject.
   */
  async start(): Promise<void> {
    try {
      await this.requestCycle();
    } catch (error) {
      this.emitError(error);
    }
  }

  /** Alias of `start`. */
  request(): Promise<void> {
    return this.start();
  }

  /**
   * Sends the diff to the grid.
   *
   * @param diff - the serialized diff (`SyftModel.createSerializedDiff`)
   * @param options - `numSamples`: samples trained on, for weighted averaging
   * @throws TrainingError before acceptance; GridError when the grid refuses the report
   */
  async report(diff: BinaryInput, options: ReportOptions = {}): Promise<void> {
    const credentials = this.credentials;
    if (credentials === undefined) {
      throw new TrainingError('report() needs an accepted cycle: call start() first');
    }
    const data: Record<string, unknown> = {
      worker_id: credentials.workerId,
      request_key: credentials.requestKey,
      diff: bytesToBase64(asBytes(diff)),
    };
    if (options.numSamples !== undefined) {
      if (!Number.isInteger(options.numSamples) || options.numSamples < 1) {
        throw new ClientArgumentError(
          `numSamples must be a positive integer, got ${options.numSamples}`,
        );
      }
      data.num_samples = options.numSamples;
    }
    const reply = await this.worker.transport.send('model-centric/report', data);
    if (reply.status !== 'success') {
      throw new GridProtocolError(
        `Grid error: unexpected report status ${JSON.stringify(reply.status)}`,
      );
    }
    this.worker.logger.info('report sent', { model: this.options.modelName });
  }

  /**
   * Creates a PlanTrainer for one of the cycle's plans.
   *
   * @param planName - the training plan's name
   * @param parameters - specs, data, and loop settings (defaults from the client config)
   * @throws ClientArgumentError for an unknown plan or missing settings
   */
  train(planName: string, parameters: TrainParameters): PlanTrainer {
    const plan = this.plans[planName];
    if (plan === undefined || this.model === undefined) {
      throw new ClientArgumentError(
        `unknown plan '${planName}': the cycle has [${Object.keys(this.plans).join(', ')}]`,
      );
    }
    const config = this.clientConfig;
    const batchSize = parameters.batchSize ?? numberOrUndefined(config.batch_size);
    if (batchSize === undefined) {
      throw new ClientArgumentError('train() needs batchSize (or client config batch_size)');
    }
    return new PlanTrainer({
      worker: this.worker,
      plan,
      inputs: parameters.inputs,
      outputs: parameters.outputs,
      model: this.model,
      data: parameters.data,
      target: parameters.target,
      epochs: parameters.epochs ?? numberOrUndefined(config.max_epochs) ?? 1,
      batchSize,
      stepsPerEpoch: parameters.stepsPerEpoch ?? numberOrUndefined(config.max_updates) ?? null,
      clientConfig: config,
      checkpoint: parameters.checkpoint,
      events: parameters.events,
      logger: this.worker.logger,
    });
  }

  private emitError(error: unknown): void {
    const err = error instanceof Error ? error : new Error(String(error));
    this.worker.logger.warn('job failed', { error: err.message });
    if (this.observer.count('error') === 0) return;
    this.observer.broadcast('error', err);
  }

  private async requestCycle(): Promise<void> {
    const { transport, logger } = this.worker;
    const { modelName, modelVersion, authToken } = this.options;

    const auth = await transport.send('model-centric/authenticate', {
      model_name: modelName,
      model_version: modelVersion,
      auth_token: authToken,
    });
    const workerId = auth.worker_id;
    if (auth.status !== 'success' || typeof workerId !== 'string') {
      throw new GridProtocolError(
        `Grid error: authenticate reply has no worker_id (status ${JSON.stringify(auth.status)})`,
      );
    }
    logger.info('authenticated', { model: modelName });

    const speed =
      auth.requires_speed_test === true
        ? await this.worker.measureSpeed(workerId)
        : { pingMs: 0, downloadMbps: 0, uploadMbps: 0 };

    const cycle = await transport.send('model-centric/cycle-request', {
      worker_id: workerId,
      model: modelName,
      version: modelVersion,
      ping: speed.pingMs,
      download: speed.downloadMbps,
      upload: speed.uploadMbps,
    });
    if (cycle.status === 'rejected') {
      const rejected: JobRejected = {
        timeout: parseRejectionTimeout(cycle.timeout),
        reason: typeof cycle.reason === 'string' ? cycle.reason : undefined,
      };
      logger.info('cycle rejected', { ...rejected });
      this.observer.broadcast('rejected', rejected);
      return;
    }
    if (cycle.status !== 'accepted') {
      throw new GridProtocolError(`Unknown cycle status: ${JSON.stringify(cycle.status)}`);
    }
    await this.accept(workerId, cycle);
  }

  private async accept(workerId: string, cycle: GridReply): Promise<void> {
    const { request_key: requestKey, model_id: modelId, plans } = cycle;
    if (typeof requestKey !== 'string' || typeof modelId !== 'number' || !isObject(plans)) {
      throw new GridProtocolError(
        'Grid error: accepted cycle reply needs request_key, model_id and plans',
      );
    }
    const clientConfig = isObject(cycle.client_config) ? cycle.client_config : {};
    const { model, plans: loaded } = await downloadCycleAssets({
      httpUrl: this.worker.endpoints.httpUrl,
      workerId,
      requestKey,
      modelId,
      planIds: plans,
    });

    this.releaseCycle();
    this.credentials = { workerId, requestKey };
    this.model = model;
    this.plans = loaded;
    this.clientConfig = clientConfig;
    this.worker.logger.info('cycle accepted', { model: this.options.modelName });
    this.observer.broadcast('accepted', { model, clientConfig });
  }

  /** Frees the model and plans of the previous cycle, if any. */
  releaseCycle(): void {
    this.model?.dispose();
    Object.values(this.plans).forEach((plan) => plan.dispose());
    this.model = undefined;
    this.plans = {};
  }
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
