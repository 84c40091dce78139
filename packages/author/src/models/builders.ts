import type * as tf from '@tensorflow/tfjs';
import { stateFromTensors, type Plan, type State } from '@syft-ts/core';
import type { Optimizer } from '../optimizers/optimizer.js';
import { sgd } from '../optimizers/sgd.js';
import type { ClassifierModel } from './classifier.js';
import { evaluationPlan, trainingPlan } from './classifier-plans.js';
import { initialParams } from './init.js';
import { mnist2nnModel, mnistMlpModel } from './mlp.js';
import { mnistCnnModel } from './cnn.js';

/** Options of the ready-made model builders. */
export interface BuildOptions {
  /** Seed of the parameter initialisation; default 0. */
  seed?: number;
  /** The static batch size the plans are traced for; default 64. */
  batchSize?: number;
  /** The optimizer of the training plan; default {@link sgd}. */
  optimizer?: Optimizer;
}

/** A model ready to host: initial values and its plans. */
export interface BuiltClassifier {
  /** The model definition. */
  model: ClassifierModel;
  /** The initial parameters, in plan order. The caller owns (and disposes) them. */
  params: tf.Tensor[];
  /** The initial parameters as a model `State` (what the grid hosts as checkpoint 1). */
  state: State;
  /** The optimizer's initial state (empty for SGD): the worker passes it after the params. */
  optimizerState: tf.Tensor[];
  /** `(data, target, batchSize, lr, ...params, ...optimizerState) → (loss, accuracy, ...params, ...optimizerState)`. */
  trainingPlan: Plan;
  /** `(data, target, batchSize, ...params) → (loss, accuracy)`. */
  evaluationPlan: Plan;
}

/**
 * Initialises a classifier and traces its plans.
 * @example
 * const { params, trainingPlan } = buildClassifier(mnist2nnModel(), { seed: 1 });
 */
export function buildClassifier(
  model: ClassifierModel,
  options: BuildOptions = {},
): BuiltClassifier {
  const { seed = 0, batchSize = 64, optimizer = sgd() } = options;
  const params = initialParams(model.params, seed);
  return {
    model,
    params,
    state: stateFromTensors(params),
    optimizerState: optimizer.initialState(model.params.map((p) => p.shape)),
    trainingPlan: trainingPlan(model, { batchSize, optimizer }),
    evaluationPlan: evaluationPlan(model, { batchSize }),
  };
}

/** The FedAvg paper's MNIST 2NN (784-200-200-10, ReLU), initialised, with its plans. */
export function mnist2nn(options: BuildOptions = {}): BuiltClassifier {
  return buildClassifier(mnist2nnModel(), options);
}

/** The 784-392-10 MNIST MLP of the syft.js examples, initialised, with its plans. */
export function mnistMlp(options: BuildOptions = {}): BuiltClassifier {
  return buildClassifier(mnistMlpModel(), options);
}

/** The small MNIST CNN of {@link mnistCnnModel}, initialised, with its plans. */
export function mnistCnn(options: BuildOptions = {}): BuiltClassifier {
  return buildClassifier(mnistCnnModel(), options);
}
