import type { Plan, State } from '@syft-ts/core';
import { averagingPlan } from './averaging-plan.js';
import type { BuiltClassifier } from './models/builders.js';

/**
 * Everything needed to host a model-centric FL process: the shape of the default export of a
 * module that `syft host <module>` reads, and the options `hostTraining()` takes (minus the
 * connection settings).
 */
export interface FlProcess {
  /** The process (model) name workers ask for. */
  name: string;
  /** The process version. */
  version: string;
  /** The initial parameters (checkpoint 1). */
  model: State;
  /** Client plans by name; `training_plan` is the one syft.js workers run. */
  plans: Record<string, Plan>;
  /** An iterative averaging plan (`(avg..., item..., num) → avg...`), or none for plain FedAvg. */
  averagingPlan?: Plan;
  /** Handed to every worker: `batch_size`, `lr`, `max_updates`, ... */
  clientConfig: Record<string, unknown>;
  /** Cycle rules: `cycle_length`, `num_cycles`, `max_diffs`, `iterative_plan`, ... */
  serverConfig: Record<string, unknown>;
}

/** Options of {@link flProcess}. */
export interface FlProcessOptions {
  name: string;
  version: string;
  /** Extra or overriding client config; `batch_size` and `lr` default from the plan and 0.1. */
  clientConfig?: Record<string, unknown>;
  /** Server config; `iterative_plan: true` is added when `averaging` is set. */
  serverConfig?: Record<string, unknown>;
  /** Host an iterative averaging plan too (default false: the grid's own weighted FedAvg). */
  averaging?: boolean;
}

/**
 * Packs a built classifier as an FL process: initial State, `training_plan` and
 * `evaluation_plan`, and configs. The batch size in `clientConfig` is the one the plan was
 * traced for.
 * @example
 * export default flProcess(mnist2nn({ seed: 1 }), { name: 'mnist', version: '1.0.0' });
 */
export function flProcess(built: BuiltClassifier, options: FlProcessOptions): FlProcess {
  const dataShape = built.trainingPlan.role?.placeholders.find(
    (p) => p.id === built.trainingPlan.role?.inputIds[0],
  )?.expectedShape;
  const averaging = options.averaging === true;
  return {
    name: options.name,
    version: options.version,
    model: built.state,
    plans: { training_plan: built.trainingPlan, evaluation_plan: built.evaluationPlan },
    ...(averaging ? { averagingPlan: averagingPlan(built.model.params.map((p) => p.shape)) } : {}),
    clientConfig: { batch_size: dataShape?.[0] ?? 64, lr: 0.1, ...options.clientConfig },
    serverConfig: { ...options.serverConfig, ...(averaging ? { iterative_plan: true } : {}) },
  };
}
