import type { Plan } from '@syft-ts/core';
import { div } from '../ops/arithmetic.js';
import { argMax, cast, equal } from '../ops/comparison.js';
import { softmaxCrossEntropy } from '../ops/losses.js';
import { sum } from '../ops/reductions.js';
import { grad } from '../gradient.js';
import type { Optimizer } from '../optimizers/optimizer.js';
import { sgd } from '../optimizers/sgd.js';
import { SymbolicTensor } from '../symbolic-tensor.js';
import { tracePlan } from '../trace-plan.js';
import type { ClassifierModel } from './classifier.js';

/** Options of the classifier plan builders. */
export interface ClassifierPlanOptions {
  /** The static batch size the plan is traced for; default 64. */
  batchSize?: number;
  /** The optimizer of the training plan; default {@link sgd}. */
  optimizer?: Optimizer;
}

/**
 * Loss and accuracy as syft.js's MNIST plan computes them: softmax cross-entropy summed over
 * the batch and divided by the `batchSize` input, and the count of correct argmaxes divided by
 * it too. Both come out shaped like `batchSize` (`[1]`, or a scalar if a worker passes a number).
 */
export function lossAndAccuracy(
  logits: SymbolicTensor,
  target: SymbolicTensor,
  batchSize: SymbolicTensor,
): [SymbolicTensor, SymbolicTensor] {
  const loss = softmaxCrossEntropy(target, logits, batchSize);
  const correct = sum(cast(equal(argMax(logits, 1), argMax(target, 1)), 'float32'));
  return [loss, div(correct, batchSize)];
}

/**
 * Traces the training plan of a classifier: inputs `(data, target, batchSize, lr, ...params,
 * ...optimizerState)`, outputs `(loss, accuracy, ...updatedParams, ...updatedOptimizerState)`
 * — syft.js's usual order, with the optimizer state after the parameters.
 */
export function trainingPlan(model: ClassifierModel, options: ClassifierPlanOptions = {}): Plan {
  const { batchSize = 64, optimizer = sgd() } = options;
  const shapes = model.params.map((p) => p.shape);
  const stateShapes = optimizer.stateShapes(shapes);
  const spec = {
    data: [batchSize, ...model.exampleShape],
    target: [batchSize, model.classes],
    batchSize: [1],
    lr: [1],
    params: shapes,
    ...(stateShapes.length > 0 ? { optimizerState: stateShapes } : {}),
  };
  return tracePlan('training_plan', spec, (_t, inputs) => {
    const params = inputs.params;
    const stateInput = inputs.optimizerState;
    const state =
      stateInput === undefined || stateInput instanceof SymbolicTensor ? [] : stateInput;
    const logits = model.forward(inputs.data, params);
    const [loss, accuracy] = lossAndAccuracy(logits, inputs.target, inputs.batchSize);
    const step = optimizer.step(params, grad(loss, params), state, inputs.lr);
    return [loss, accuracy, ...step.params, ...step.state];
  });
}

/**
 * Traces the evaluation plan of a classifier: inputs `(data, target, batchSize, ...params)`,
 * outputs `(loss, accuracy)`.
 */
export function evaluationPlan(model: ClassifierModel, options: ClassifierPlanOptions = {}): Plan {
  const { batchSize = 64 } = options;
  const spec = {
    data: [batchSize, ...model.exampleShape],
    target: [batchSize, model.classes],
    batchSize: [1],
    params: model.params.map((p) => p.shape),
  };
  return tracePlan('evaluation_plan', spec, (_t, inputs) => {
    const logits = model.forward(inputs.data, inputs.params);
    return lossAndAccuracy(logits, inputs.target, inputs.batchSize);
  });
}
