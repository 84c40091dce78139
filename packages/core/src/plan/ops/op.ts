import type * as tf from '@tensorflow/tfjs';

/**
 * A value an action operates on: a tensor from the plan scope, or a literal from the wire
 * (`arg_int`/`arg_float` → number, `arg_bool`, `arg_str`, `arg_list` → array, `none` → null).
 * `undefined` marks a positional slot that was not given.
 */
export type PlanValue =
  tf.Tensor | number | boolean | string | null | undefined | readonly PlanValue[];

/**
 * One op the interpreter can run, keyed by the last dot-component of the command string.
 *
 * `params` names the op's positional slots in tfjs order. A kwarg is placed into the slot of
 * the same name, or of its alias (`kwargAliases` of the op first, then the shared torch → tfjs
 * names in `kwargs.ts`), never by map order.
 */
export interface OpDefinition {
  /** The tfjs name, as the last component of the command (`matMul`, `reshape`, `clone`). */
  readonly name: string;
  /** Positional parameter names in tfjs order (`['x', 'axis', 'keepDims']`). */
  readonly params: readonly string[];
  /** Extra kwarg names for this op only (torch name → entry of `params`). */
  readonly kwargAliases?: Readonly<Record<string, string>>;
  /** `tensors` when the op yields several tensors (split, topk, qr), bound to several ids. */
  readonly returns?: 'tensor' | 'tensors';
  /** True when `run` makes intermediate tensors; the interpreter then runs it in `tf.tidy`. */
  readonly composite?: boolean;
  /** True for ops whose result is random (dropout): never merged with an identical action. */
  readonly random?: boolean;
  /** Runs the op on resolved operands (slot i = `params[i]`). */
  run(args: readonly PlanValue[]): tf.Tensor | tf.Tensor[];
}

/** A group of op definitions, one file per group. */
export type OpGroup = readonly OpDefinition[];
