import { base64ToBytes, bytesToBase64 } from '@syft-ts/core';
import { ClientArgumentError } from './errors.js';
import { isObject } from './grid-reply.js';
import { SyftModel } from './syft-model.js';

/** The fields of a checkpoint. */
export interface PlanTrainerCheckpointParameters {
  /** Total number of epochs. */
  epochs: number;
  /** Most batches per epoch, or null for all. */
  stepsPerEpoch: number | null;
  /** Batch size. */
  batchSize: number;
  /** The client config the training used. */
  clientConfig: Record<string, unknown>;
  /** The epoch to continue at. */
  epoch: number;
  /** The batch to continue at (not yet trained). */
  batch: number;
  /** The parameters after the last trained batch. */
  currentModel: SyftModel;
}

/** A checkpoint as plain JSON: the model is a base64 protobuf `State`. */
export interface PlanTrainerCheckpointJSON {
  epochs: number;
  stepsPerEpoch: number | null;
  batchSize: number;
  clientConfig: Record<string, unknown>;
  epoch: number;
  batch: number;
  currentModelBase64: string;
}

function requireInteger(obj: Record<string, unknown>, key: string, min: number): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ClientArgumentError(
      `checkpoint '${key}' must be an integer >= ${min}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * The state of a PlanTrainer, enough to resume training where it stopped.
 *
 * @example
 * const checkpoint = await trainer.stop();
 * localStorage.setItem('ckpt', JSON.stringify(await checkpoint.toJSON()));
 * // later
 * const restored = PlanTrainerCheckpoint.fromJSON(worker, JSON.parse(localStorage.getItem('ckpt')));
 * const trainer2 = job.train('training_plan', { ...params, checkpoint: restored });
 * await trainer2.resume();
 */
export class PlanTrainerCheckpoint {
  /** Total number of epochs. */
  readonly epochs: number;
  /** Most batches per epoch, or null for all. */
  readonly stepsPerEpoch: number | null;
  /** Batch size. */
  readonly batchSize: number;
  /** The client config the training used. */
  readonly clientConfig: Record<string, unknown>;
  /** The epoch to continue at. */
  readonly epoch: number;
  /** The batch to continue at. */
  readonly batch: number;
  /** The parameters after the last trained batch (owned by the checkpoint). */
  readonly currentModel: SyftModel;

  /** @param parameters - the checkpoint fields */
  constructor(parameters: PlanTrainerCheckpointParameters) {
    this.epochs = parameters.epochs;
    this.stepsPerEpoch = parameters.stepsPerEpoch;
    this.batchSize = parameters.batchSize;
    this.clientConfig = parameters.clientConfig;
    this.epoch = parameters.epoch;
    this.batch = parameters.batch;
    this.currentModel = parameters.currentModel;
  }

  /** Returns the checkpoint as a plain JSON-serializable object. */
  async toJSON(): Promise<PlanTrainerCheckpointJSON> {
    const modelBytes = new Uint8Array(await this.currentModel.toProtobuf());
    return {
      epochs: this.epochs,
      stepsPerEpoch: this.stepsPerEpoch,
      batchSize: this.batchSize,
      clientConfig: this.clientConfig,
      epoch: this.epoch,
      batch: this.batch,
      currentModelBase64: bytesToBase64(modelBytes),
    };
  }

  /**
   * Rebuilds a checkpoint from `toJSON()` output.
   *
   * @param _worker - the Syft worker (kept for syft.js compatibility; not used)
   * @param obj - the plain object
   * @throws ClientArgumentError naming the missing or malformed field
   */
  static fromJSON(_worker: unknown, obj: unknown): PlanTrainerCheckpoint {
    if (!isObject(obj)) throw new ClientArgumentError('a checkpoint must be an object');
    const stepsPerEpoch = obj.stepsPerEpoch ?? null;
    if (stepsPerEpoch !== null && typeof stepsPerEpoch !== 'number') {
      throw new ClientArgumentError('checkpoint stepsPerEpoch must be a number or null');
    }
    if (typeof obj.currentModelBase64 !== 'string') {
      throw new ClientArgumentError('checkpoint currentModelBase64 must be a base64 string');
    }
    const clientConfig = obj.clientConfig ?? {};
    if (!isObject(clientConfig)) {
      throw new ClientArgumentError('checkpoint clientConfig must be an object');
    }
    return new PlanTrainerCheckpoint({
      epochs: requireInteger(obj, 'epochs', 1),
      stepsPerEpoch,
      batchSize: requireInteger(obj, 'batchSize', 1),
      clientConfig,
      epoch: requireInteger(obj, 'epoch', 0),
      batch: requireInteger(obj, 'batch', 0),
      currentModel: SyftModel.fromProtobuf(base64ToBytes(obj.currentModelBase64)),
    });
  }

  /** Frees the checkpoint's model tensors. */
  dispose(): void {
    this.currentModel.dispose();
  }
}
