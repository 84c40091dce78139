import * as tf from '@tensorflow/tfjs';

import { PlanExecutionError, PlanInputError } from './errors.js';
import type { InputSlot, PlanInput } from './input-binding.js';
import { bindInput } from './input-binding.js';
import type { PlanValue } from './ops/op.js';
import type { Program, ProgramAction, Registers } from './program.js';

/**
 * A plan validated and compiled for repeated execution. Owns its state tensors until
 * `dispose()`. Create it with `compilePlan`.
 */
export class CompiledPlan {
  /** The plan's name (the traced Python function's name). */
  readonly name: string;
  /** How many inputs `execute` takes. */
  readonly inputCount: number;
  /** How many tensors `execute` returns. */
  readonly outputCount: number;
  /** The recorded shape of each input, or `undefined` where the plan does not record one. */
  readonly inputShapes: ReadonlyArray<readonly number[] | undefined>;

  readonly #program: Program;
  readonly #slots: readonly InputSlot[];
  readonly #checkShapes: boolean;
  #disposed = false;

  /**
   * @param name - the plan's name
   * @param program - the compiled register program
   * @param slots - per input: placeholder id and expected shape
   * @param checkShapes - whether `execute` checks input shapes
   */
  constructor(name: string, program: Program, slots: readonly InputSlot[], checkShapes: boolean) {
    this.name = name;
    this.#program = program;
    this.#slots = slots;
    this.#checkShapes = checkShapes;
    this.inputCount = program.inputCount;
    this.outputCount = program.outputs.length;
    this.inputShapes = slots.map((s) => s.expectedShape);
  }

  /**
   * Runs the plan synchronously on the current tfjs backend.
   *
   * @param inputs - one per plan input, in order: tensors, or plain numbers for scalar inputs
   * @returns the outputs in order; the caller owns and disposes them. Nothing else stays
   *   allocated, also when an error is thrown.
   * @throws PlanInputError for a wrong input count, type or shape
   * @throws PlanExecutionError when an action fails (names the action and command)
   * @example
   * ```ts
   * const [loss, acc, ...params] = compiled.execute([X, y, 64, lr, ...weights]);
   * ```
   */
  execute(inputs: ReadonlyArray<tf.Tensor | number>): tf.Tensor[] {
    if (this.#disposed) {
      throw new PlanInputError('PLAN_DISPOSED', `plan "${this.name}" was disposed and cannot run`);
    }
    if (inputs.length !== this.inputCount) {
      throw new PlanInputError(
        'PLAN_INPUT_COUNT',
        `plan "${this.name}" expects ${this.inputCount} inputs, got ${inputs.length}`,
      );
    }
    const registers: Registers = new Array<tf.Tensor | undefined>(this.#program.registerCount);
    const owned = this.#bindInputs(inputs, registers);
    try {
      this.#run(registers);
      return this.#collectOutputs(registers);
    } finally {
      owned.forEach((t) => t.dispose());
    }
  }

  /** Frees the plan's state and constant tensors. The plan cannot run afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#program.constants.forEach((t) => t.dispose());
  }

  /** Binds inputs to the first registers; returns the scalars made from numbers. */
  #bindInputs(inputs: ReadonlyArray<PlanInput>, registers: Registers): tf.Tensor[] {
    const owned: tf.Tensor[] = [];
    try {
      this.#slots.forEach((slot, i) => {
        const value = inputs[i];
        const tensor = bindInput(slot, value, this.#checkShapes);
        if (tensor !== value) owned.push(tensor);
        registers[i] = tensor;
      });
    } catch (error) {
      owned.forEach((t) => t.dispose());
      throw error;
    }
    return owned;
  }

  #run(registers: Registers): void {
    const actions = this.#program.actions;
    // Tensors held by more than one register (an op handed back its operand), with the count.
    const shared = new Map<tf.Tensor, number>();
    let current: ProgramAction | undefined;
    try {
      for (const action of actions) {
        current = action;
        const operands = action.operands;
        const args = new Array<PlanValue>(operands.length);
        for (let k = 0; k < operands.length; k += 1) args[k] = operands[k]?.(registers);
        const op = action.op;
        const result = op.composite === true ? tf.tidy(() => op.run(args)) : op.run(args);
        this.#store(action, result, args, registers, shared);
        for (const r of action.frees) {
          release(registers[r], shared);
          registers[r] = undefined;
        }
      }
    } catch (error) {
      this.#freeComputed(registers);
      const failed = current ?? { index: -1, command: '?' };
      throw new PlanExecutionError(failed.index, failed.command, error);
    }
  }

  /**
   * Stores an op result in the action's result registers. An op may hand back one of its
   * operands unchanged (`add(x, 0)`, `clone`): an intermediate is then shared between two
   * registers, while an input or state tensor (not ours to free) is cloned.
   */
  #store(
    action: ProgramAction,
    result: tf.Tensor | tf.Tensor[],
    args: readonly PlanValue[],
    registers: Registers,
    shared: Map<tf.Tensor, number>,
  ): void {
    const own = (t: tf.Tensor): tf.Tensor => {
      if (!args.includes(t)) return t;
      if (this.#isBorrowed(t, registers)) return tf.clone(t);
      shared.set(t, (shared.get(t) ?? 1) + 1);
      return t;
    };
    if (!Array.isArray(result)) {
      registers[action.results[0] ?? 0] = own(result);
      return;
    }
    if (result.length < action.results.length) {
      result.forEach((t) => {
        if (!args.includes(t)) t.dispose();
      });
      throw new Error(
        `the op gave ${result.length} tensors for ${action.results.length} return ids`,
      );
    }
    result.forEach((t, k) => {
      const register = action.results[k];
      if (register !== undefined) registers[register] = own(t);
      else if (!args.includes(t)) t.dispose();
    });
  }

  /** True for tensors the plan must not free: the caller's inputs and the plan's constants. */
  #isBorrowed(tensor: tf.Tensor, registers: Registers): boolean {
    for (let r = 0; r < this.inputCount; r += 1) if (registers[r] === tensor) return true;
    return this.#program.constants.includes(tensor);
  }

  /** Frees every live intermediate (after a failure). */
  #freeComputed(registers: Registers): void {
    for (let r = this.#program.inputCount; r < registers.length; r += 1) {
      registers[r]?.dispose();
      registers[r] = undefined;
    }
  }

  /** The output tensors; inputs, constants and repeated outputs are cloned so the caller owns each. */
  #collectOutputs(registers: Registers): tf.Tensor[] {
    const handedOut = new Set<tf.Tensor>();
    return this.#program.outputs.map((source) => {
      const tensor = source.kind === 'fixed' ? source.tensor : registers[source.register];
      if (tensor === undefined)
        throw new PlanExecutionError(-1, 'output', 'output was not computed');
      const ownedByCaller =
        source.kind === 'register' && source.register >= this.inputCount && !handedOut.has(tensor);
      handedOut.add(tensor);
      return ownedByCaller ? tensor : tf.clone(tensor);
    });
  }
}

/** Frees a register's tensor unless another register still holds it. */
function release(tensor: tf.Tensor | undefined, shared: Map<tf.Tensor, number>): void {
  if (tensor === undefined) return;
  const holders = shared.get(tensor);
  if (holders === undefined) tensor.dispose();
  else if (holders > 2) shared.set(tensor, holders - 1);
  else shared.delete(tensor);
}
