import type * as tf from '@tensorflow/tfjs';

import type { Plan, Role } from '../wire/messages.js';
import { idKey } from '../wire/messages.js';
import type { PlanRewrite } from './compile-program.js';
import { ALL_PLAN_REWRITES, compileProgram } from './compile-program.js';
import { CompiledPlan } from './compiled-plan.js';
import { PlanLoadError } from './errors.js';
import type { InputSlot } from './input-binding.js';

/** Options of `compilePlan`. */
export interface CompilePlanOptions {
  /**
   * Which translation to run: a key of `plan.roles`. Default: `plan.role`, or else
   * `plan.roles.get(plan.baseFramework)`, or else `plan.roles.get('tfjs')`.
   */
  framework?: string;
  /** Check input shapes against the recorded placeholder shapes (default `true`). */
  checkInputShapes?: boolean;
  /**
   * The load-time rewrites to apply (default: all of `ALL_PLAN_REWRITES`); `[]` runs the plan
   * as traced, apart from reusing repeated actions and dropping unread ones. For measuring a
   * rewrite and checking its results; results differ only by float rounding.
   */
  rewrites?: readonly PlanRewrite[];
}

/**
 * Validates and compiles a plan for execution with TensorFlow.js. Every unsupported command,
 * unknown kwarg and undefined placeholder is reported at once, before anything runs.
 *
 * @param plan - a decoded plan (for example from `decodePlan`)
 * @param options - which role to run, whether to check input shapes
 * @returns a `CompiledPlan`; call `dispose()` when done with it
 * @throws PlanLoadError listing every problem found
 * @example
 * ```ts
 * const compiled = compilePlan(decodePlan(bytes));
 * const [out] = compiled.execute([tf.tensor2d([[1, 2], [3, 4]])]);
 * compiled.dispose();
 * ```
 */
export function compilePlan(plan: Plan, options: CompilePlanOptions = {}): CompiledPlan {
  const role = selectRole(plan, options.framework);
  const program = compileProgram(role, plan.name, options.rewrites ?? ALL_PLAN_REWRITES);
  const shapes = new Map(
    role.placeholders.map((p) => [p.id === undefined ? '' : idKey(p.id), p.expectedShape]),
  );
  const slots: InputSlot[] = role.inputIds.map((id, index) => ({
    index,
    placeholderId: String(id),
    expectedShape: shapes.get(idKey(id)),
  }));
  return new CompiledPlan(plan.name, program, slots, options.checkInputShapes ?? true);
}

/**
 * Compiles, runs once and disposes a plan: a convenience for one-off execution.
 *
 * @param plan - a decoded plan
 * @param inputs - the plan inputs in order (tensors, or numbers for scalar inputs)
 * @returns the outputs; the caller disposes them
 * @example
 * ```ts
 * const [newMeans] = executePlan(banditPlan, [reward, counts, means]);
 * ```
 */
export function executePlan(plan: Plan, inputs: ReadonlyArray<tf.Tensor | number>): tf.Tensor[] {
  const compiled = compilePlan(plan);
  try {
    return compiled.execute(inputs);
  } finally {
    compiled.dispose();
  }
}

function selectRole(plan: Plan, framework: string | undefined): Role {
  const role =
    framework !== undefined
      ? plan.roles.get(framework)
      : (plan.role ?? plan.roles.get(plan.baseFramework) ?? plan.roles.get('tfjs'));
  if (role !== undefined) return role;
  const wanted = framework === undefined ? 'a role to execute' : `a role for "${framework}"`;
  const known = [...plan.roles.keys()].join(', ') || 'none';
  throw new PlanLoadError('PLAN_INVALID', plan.name, [
    { reason: `the plan has no ${wanted} (roles: ${known})` },
  ]);
}
