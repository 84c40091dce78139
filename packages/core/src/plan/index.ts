/**
 * The plan interpreter: compiles a decoded syft plan into a program of TensorFlow.js ops.
 * @packageDocumentation
 */
export { compilePlan, executePlan } from './compile-plan.js';
export type { CompilePlanOptions } from './compile-plan.js';
export { ALL_PLAN_REWRITES } from './compile-program.js';
export type { PlanRewrite } from './compile-program.js';
export { CompiledPlan } from './compiled-plan.js';
export { PlanExecutionError, PlanInputError, PlanLoadError } from './errors.js';
export type { PlanProblem } from './errors.js';
export type { PlanInput } from './input-binding.js';
export type { OpDefinition, PlanValue } from './ops/op.js';
export { PlanOperandError } from './ops/operand.js';
export { OP_GROUPS, opForCommand, supportedOpNames } from './ops/table.js';
export { TORCH_KWARG_NAMES } from './ops/kwargs.js';
