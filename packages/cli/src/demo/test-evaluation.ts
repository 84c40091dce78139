import {
  type CompiledPlan,
  type Plan,
  compilePlan,
  decodeState,
  tensorsFromState,
} from '@syft-ts/core';
import * as tf from '@tensorflow/tfjs';

import type { LabelledImages } from '../mnist/labelled-images.js';
import { type TrainingTensors, toTrainingTensors } from '../mnist/training-tensors.js';
import type { TestScores } from './progress-view.js';

/**
 * Scores checkpoints on a fixed test set by running the process's evaluation plan, as the model
 * owner would: `(data, target, batchSize, ...params) -> (loss, accuracy)`.
 */
export class TestEvaluator {
  private readonly plan: CompiledPlan;
  private readonly test: TrainingTensors;
  private readonly batchSize: tf.Tensor1D;

  /**
   * @param evaluationPlan - the evaluation plan, traced for `test.count` examples
   * @param test - the test images
   */
  constructor(evaluationPlan: Plan, test: LabelledImages) {
    this.plan = compilePlan(evaluationPlan);
    this.test = toTrainingTensors(test);
    this.batchSize = tf.tensor1d([test.count]);
  }

  /**
   * Scores a checkpoint.
   *
   * @param checkpoint - a serialized `State`, as `retrieve-model` returns it
   * @returns test accuracy and mean loss
   */
  async evaluate(checkpoint: Uint8Array): Promise<TestScores> {
    const params = tensorsFromState(decodeState(checkpoint));
    try {
      const outputs = this.plan.execute([
        this.test.data,
        this.test.target,
        this.batchSize,
        ...params,
      ]);
      const [loss, accuracy] = await Promise.all(outputs.slice(0, 2).map((t) => t.data()));
      tf.dispose(outputs);
      return { accuracy: accuracy?.[0] ?? Number.NaN, loss: loss?.[0] ?? Number.NaN };
    } finally {
      tf.dispose(params);
    }
  }

  /** Frees the test tensors and the plan's constants. */
  dispose(): void {
    tf.dispose([this.test.data, this.test.target, this.batchSize]);
    this.plan.dispose();
  }
}
