import * as tf from '@tensorflow/tfjs';
import { decodeState, encodeState, stateFromTensors, tensorsFromState } from '@syft-ts/core';
import { asBytes, toArrayBuffer, type BinaryInput } from './bytes.js';
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
      resolve(toArrayBuffer(encodeState(stateFromTensors(this.params)))),
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
      if (!tf.util.arraysEqual(param.shape, updated.shape)) {
        throw new ClientArgumentError(
          `diff parameter ${i} must have shape [${param.shape.join(', ')}], ` +
            `got [${updated.shape.join(', ')}]`,
        );
      }
    });

    // One subtraction per tensor on the backend; the codec reads each result once.
    const diffs = tf.tidy(() =>
      this.params.map((param, i) => tf.sub(param, updatedModelParams[i] as tf.Tensor)),
    );
    try {
      return toArrayBuffer(encodeState(stateFromTensors(diffs)));
    } finally {
      tf.dispose(diffs);
    }
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
