import { evaluationPlan, initialParams, mnist2nnModel, sgd, trainingPlan } from '@syft-ts/author';
import { SyftModel } from '@syft-ts/client';
import type { Plan } from '@syft-ts/core';

/** Name of the hosted FL process. */
export const MNIST_PROCESS_NAME = 'mnist';
/** Version of the hosted FL process. */
export const MNIST_PROCESS_VERSION = '1.0.0';

/** The 2NN process the demo hosts, authored in TypeScript with @syft-ts/author. */
export interface MnistProcess {
  /** Initial parameters (Glorot-uniform weights, zero biases). */
  readonly initialModel: SyftModel;
  /** Plain SGD step on one batch: `(data, target, batchSize, lr, ...params)`. */
  readonly trainingPlan: Plan;
  /** Loss and accuracy of a batch: `(data, target, batchSize, ...params)`. */
  readonly evaluationPlan: Plan;
}

/**
 * Builds the FedAvg "2NN" (784-200-200-10 with ReLU, McMahan et al. 2017) with its training plan
 * (traced for the workers' batch size) and an evaluation plan (traced for the test-set size).
 *
 * @param trainBatchSize - the local batch size (`client_config.batch_size`)
 * @param evaluationBatchSize - how many test images one evaluation call takes
 * @param seed - seed of the initial parameters
 * @returns the model and plans
 */
export function buildMnistProcess(
  trainBatchSize: number,
  evaluationBatchSize: number,
  seed: number,
): MnistProcess {
  const model = mnist2nnModel();
  return {
    initialModel: new SyftModel(initialParams(model.params, seed)),
    trainingPlan: trainingPlan(model, { batchSize: trainBatchSize, optimizer: sgd() }),
    evaluationPlan: evaluationPlan(model, { batchSize: evaluationBatchSize }),
  };
}
