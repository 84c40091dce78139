import type * as tf from '@tensorflow/tfjs';
import { compilePlan, decodePlan, type Plan as PlanMessage } from '@syft-ts/core';
import { asBytes, type BinaryInput } from './bytes.js';
import { PlanLoadError, describeError } from './errors.js';

type CompiledPlan = ReturnType<typeof compilePlan>;

/**
 * A plan downloaded from the grid: a sequence of tensor operations compiled once for tfjs.
 *
 * @example
 * const [loss, acc, ...params] = await job.plans['training_plan'].execute(
 *   worker, dataBatch, targetBatch, batchSize, lr, ...model.params);
 */
export class Plan {
  private constructor(
    /** The plan's name in the cycle (the key in `Job.plans`). */
    readonly name: string,
    /** The decoded protobuf message. */
    readonly message: PlanMessage,
    /** The serialized protobuf, as downloaded. */
    readonly bytes: Uint8Array,
    private readonly compiled: CompiledPlan,
  ) {}

  /**
   * Decodes and compiles a serialized protobuf `Plan`.
   *
   * @param name - the plan's name, for error messages
   * @param bytes - the serialized Plan
   * @throws PlanLoadError naming the plan and what failed
   */
  static fromProtobuf(name: string, bytes: BinaryInput): Plan {
    const view = asBytes(bytes);
    let message: PlanMessage;
    try {
      message = decodePlan(view);
    } catch (error) {
      throw new PlanLoadError(name, describeError(error), { cause: error });
    }
    try {
      return new Plan(name, message, view, compilePlan(message));
    } catch (error) {
      throw new PlanLoadError(name, describeError(error), { cause: error });
    }
  }

  /**
   * Executes the plan and returns its outputs. The order, type and number of arguments must
   * match the plan's arguments. The caller owns the returned tensors.
   *
   * @param _worker - the Syft worker (kept for syft.js compatibility; not used)
   * @param data - the plan arguments: tensors or numbers
   */
  execute(_worker: unknown, ...data: (tf.Tensor | number)[]): Promise<tf.Tensor[]> {
    return new Promise((resolve) => resolve(this.compiled.execute(data)));
  }

  /** Frees the plan's constant tensors. */
  dispose(): void {
    this.compiled.dispose();
  }
}
