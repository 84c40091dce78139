/**
 * @syft-ts/client: the worker library. A Syft worker joins model-centric federated learning
 * cycles on a grid, trains plans on local data with tfjs and reports diffs. Runs in Node 20
 * and in browsers. API reference: docs/client-api.md.
 * @packageDocumentation
 */
export * from './errors.js';
export { Syft, type SyftOptions } from './syft.js';
export {
  Job,
  type JobAccepted,
  type JobRejected,
  type JobEvents,
  type JobOptions,
  type TrainParameters,
  type ReportOptions,
} from './job.js';
export { SyftModel } from './syft-model.js';
export { Plan } from './plan.js';
export {
  PlanInputSpec,
  PlanOutputSpec,
  type PlanInputType,
  type PlanOutputType,
} from './plan-specs.js';
export {
  PlanTrainer,
  type PlanTrainerEvents,
  type PlanTrainerListeners,
  type PlanTrainerOptions,
} from './plan-trainer.js';
export {
  PlanTrainerCheckpoint,
  type PlanTrainerCheckpointJSON,
  type PlanTrainerCheckpointParameters,
} from './plan-trainer-checkpoint.js';
export { hostTraining, type HostTrainingOptions, type HostedPlan } from './host-training.js';
export { resolveGridUrl, type GridEndpoints } from './grid-url.js';
export { parseRejectionTimeout } from './rejection-timeout.js';
export {
  createLogger,
  redact,
  redactText,
  type Logger,
  type LogLevel,
  type LogSink,
} from './logger.js';
export {
  measureSpeed,
  toMbps,
  type SpeedMeasurement,
  type SpeedTestOptions,
} from './speed-test.js';
export type { MessageTransport, GridReply } from './grid-reply.js';
export type { SocketFactory, SocketLike } from './ws-socket.js';
