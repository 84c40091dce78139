import type * as tf from '@tensorflow/tfjs';

import type { OpDefinition, PlanValue } from './ops/op.js';

/** Per-execution storage: one slot per value version (inputs first, then action results). */
export type Registers = Array<tf.Tensor | undefined>;

/** Reads one operand of an action from the registers, or returns a literal. Built at load. */
export type Resolver = (registers: Registers) => PlanValue;

/** Where a placeholder's value comes from: a register, or a tensor the plan owns. */
export type ValueSource =
  | { readonly kind: 'register'; readonly register: number }
  | { readonly kind: 'fixed'; readonly tensor: tf.Tensor };

/** One action, ready to run: op looked up, operands in tfjs slot order, lifetimes known. */
export interface ProgramAction {
  /** Index in `role.actions`. */
  readonly index: number;
  /** The command string as on the wire. */
  readonly command: string;
  /** The op to run. */
  readonly op: OpDefinition;
  /** One resolver per positional slot (kwargs already placed by name). */
  readonly operands: readonly Resolver[];
  /** Registers receiving the result(s). */
  readonly results: readonly number[];
  /** Registers whose value is last used by this action and is freed right after it. */
  readonly frees: readonly number[];
}

/**
 * A role compiled to a register program. Every write of a placeholder id gets its own
 * register (so an in-place `add` reads the old value and the old value is freed only after
 * its own last use). Registers `0 .. inputCount-1` hold the inputs.
 */
export interface Program {
  /** Number of registers an execution needs. */
  readonly registerCount: number;
  /** Number of plan inputs (the first registers). */
  readonly inputCount: number;
  /** The actions in order. */
  readonly actions: readonly ProgramAction[];
  /** Where each plan output comes from, in `role.outputIds` order. */
  readonly outputs: readonly ValueSource[];
  /** Tensors the plan owns (state and inline constants), freed by `dispose`. */
  readonly constants: readonly tf.Tensor[];
}

/** A compiled action with the registers it reads (input of the load-time passes). */
export interface ActionWithReads {
  action: ProgramAction;
  reads: number[];
}
