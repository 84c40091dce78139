import * as tf from '@tensorflow/tfjs';
import {
  decodeState,
  encodeState,
  stateFromArrays,
  stateFromTensors,
  tensorsFromState,
  type ParameterArray,
} from '@syft-ts/core';
import { asBytes, ownedArrayBuffer, type BinaryInput } from './bytes.js';
import { ClientArgumentError, ModelLoadError, describeError } from './errors.js';

/**
 * Model parameters as stored in the grid: an ordered list of tensors.
 *
 * A SyftModel owns its tensors; call `dispose()` when it is no longer needed.
 *
 * @example
 * const diff = await job.model.createSerializedDiffFromModel(trainer.currentModel);
 * await job.report(diff);
 */
export class SyftModel {
  /** The model parameters, in the order the grid stores them. */
  readonly params: tf.Tensor[];
  /** float32 values of `params`, read on the first diff (tensors never change). */
  private originalValues: Float32Array[] | null = null;

  /** @param params - the parameter tensors; the model takes ownership of them */
  constructor(params: tf.Tensor[]) {
    this.params = params;
  }

  /**
   * Decodes a protobuf `State` (a checkpoint from `get-model`).
   *
   * @param bytes - the serialized State
   * @throws ModelLoadError when the bytes are not a State of tensors
   */
  static fromProtobuf(bytes: BinaryInput): SyftModel {
    try {
      return new SyftModel(tensorsFromState(decodeState(asBytes(bytes))));
    } catch (error) {
      throw new ModelLoadError(describeError(error), { cause: error });
    }
  }

  /** Returns the model serialized as a protobuf `State`. */
  toProtobuf(): Promise<ArrayBuffer> {
    return new Promise((resolve) =>
      resolve(ownedArrayBuffer(encodeState(stateFromTensors(this.params)))),
    );
  }

  /**
   * Computes `original − updated` for every parameter and serializes it as a protobuf
   * `State`: the diff a worker reports.
   *
   * @param updatedModelParams - trained parameters, same count and shapes as `params`
   * @throws ClientArgumentError when the count or a shape differs
   */
  createSerializedDiff(updatedModelParams: tf.Tensor[]): Promise<ArrayBuffer> {
    return new Promise((resolve) => resolve(this.serializeDiff(updatedModelParams)));
  }

  private serializeDiff(updatedModelParams: tf.Tensor[]): ArrayBuffer {
    if (updatedModelParams.length !== this.params.length) {
      throw new ClientArgumentError(
        `diff needs ${this.params.length} parameter tensors, got ${updatedModelParams.length}`,
      );
    }
    this.params.forEach((param, i) => {
      const updated = updatedModelParams[i] as tf.Tensor;
      if (param.isDisposed || updated.isDisposed) {
        throw new ClientArgumentError(`diff parameter ${i} is disposed`);
      }
      if (!tf.util.arraysEqual(param.shape, updated.shape)) {
        throw new ClientArgumentError(
          `diff parameter ${i} must have shape [${param.shape.join(', ')}], ` +
            `got [${updated.shape.join(', ')}]`,
        );
      }
    });

    // float32 models (every model PyGrid hosts) are diffed in typed arrays: each tensor is read
    // once, and a plain loop beats a backend subtraction plus a read of its result (on the cpu
    // backend, tf.sub of 311,650 values alone takes several milliseconds).
    if (allFloat32(this.params) && allFloat32(updatedModelParams)) {
      return ownedArrayBuffer(encodeState(stateFromArrays(this.float32Diff(updatedModelParams))));
    }
    const diffs = tf.tidy(() =>
      this.params.map((param, i) => tf.sub(param, updatedModelParams[i] as tf.Tensor)),
    );
    try {
      return ownedArrayBuffer(encodeState(stateFromTensors(diffs)));
    } finally {
      tf.dispose(diffs);
    }
  }

  /** `original − updated` per parameter, all float32. */
  private float32Diff(updatedModelParams: tf.Tensor[]): ParameterArray[] {
    const original = (this.originalValues ??= this.params.map((param) =>
      param.dataSync<'float32'>(),
    ));
    return this.params.map((param, i) => {
      const before = original[i] as Float32Array;
      const after = (updatedModelParams[i] as tf.Tensor).dataSync<'float32'>();
      const values = new Float32Array(before.length);
      for (let j = 0; j < values.length; j++)
        values[j] = (before[j] as number) - (after[j] as number);
      return { shape: [...param.shape], values };
    });
  }

  /**
   * Like `createSerializedDiff`, with the trained parameters taken from another model.
   *
   * @param model - the trained model
   */
  createSerializedDiffFromModel(model: SyftModel): Promise<ArrayBuffer> {
    return this.createSerializedDiff(model.params);
  }

  /** A copy with its own tensors. */
  clone(): SyftModel {
    return new SyftModel(this.params.map((param) => param.clone()));
  }

  /** Frees the parameter tensors. */
  dispose(): void {
    tf.dispose(this.params);
  }
}

function allFloat32(tensors: readonly tf.Tensor[]): boolean {
  return tensors.every((tensor) => tensor.dtype === 'float32');
}
