/**
 * @syft-ts/author: author syft plans in TypeScript. Trace a function over symbolic tensors
 * into a tfjs-role Plan, differentiate it with `grad`, update parameters with optimizers
 * written as plan code, or take a ready-made MNIST model.
 * @packageDocumentation
 */
export * from './errors.js';
export type { Shape } from './shape.js';
export { SymbolicTensor, type Operand, type TensorDtype } from './symbolic-tensor.js';
export {
  tracePlan,
  traceOps,
  type TraceOps,
  type InputSpec,
  type TensorDecl,
  type SymbolicInputs,
  type SymbolicGroup,
} from './trace-plan.js';
export { grad } from './gradient.js';
export * from './ops/index.js';
export type { Optimizer, OptimizerStep } from './optimizers/optimizer.js';
export { sgd } from './optimizers/sgd.js';
export { sgdMomentum } from './optimizers/momentum.js';
export { adam, type AdamOptions } from './optimizers/adam.js';
export { averagingPlan } from './averaging-plan.js';
export { initialParams, type Initializer, type ParamSpec } from './models/init.js';
export type { ClassifierModel } from './models/classifier.js';
export { dense } from './models/layers.js';
export { mlp, mnist2nnModel, mnistMlpModel } from './models/mlp.js';
export { mnistCnnModel } from './models/cnn.js';
export {
  trainingPlan,
  evaluationPlan,
  lossAndAccuracy,
  type ClassifierPlanOptions,
} from './models/classifier-plans.js';
export {
  buildClassifier,
  mnist2nn,
  mnistMlp,
  mnistCnn,
  type BuildOptions,
  type BuiltClassifier,
} from './models/builders.js';
export { flProcess, type FlProcess, type FlProcessOptions } from './fl-process.js';
