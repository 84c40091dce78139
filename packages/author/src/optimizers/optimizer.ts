import type * as tf from '@tensorflow/tfjs';
import { TraceValueError } from '../errors.js';
import type { Shape } from '../shape.js';
import type { Operand, SymbolicTensor } from '../symbolic-tensor.js';

/** The result of tracing one optimizer step. */
export interface OptimizerStep {
  /** The updated parameters, in parameter order. */
  params: SymbolicTensor[];
  /** The updated optimizer state, in {@link Optimizer.stateShapes} order. */
  state: SymbolicTensor[];
}

/**
 * An optimizer written as plan code. Its state (momentum buffers, Adam moments, ...) is passed
 * in as extra plan inputs after the parameters and comes back as extra outputs after the
 * updated parameters, so the worker keeps it between batches.
 */
export interface Optimizer {
  /** A short name, e.g. `sgd`, `momentum(0.9)`, `adam`. */
  readonly name: string;
  /** The shapes of the state tensors for parameters of these shapes, in order. */
  stateShapes(paramShapes: readonly Shape[]): Shape[];
  /** The state's values before the first step. The caller owns (and disposes) them. */
  initialState(paramShapes: readonly Shape[]): tf.Tensor[];
  /**
   * Traces one update.
   * @param params - the current parameters
   * @param grads - their gradients, same order and shapes
   * @param state - the current state, as declared by `stateShapes`
   * @param lr - the learning rate (usually the plan's `lr` input)
   */
  step(
    params: readonly SymbolicTensor[],
    grads: readonly SymbolicTensor[],
    state: readonly SymbolicTensor[],
    lr: Operand,
  ): OptimizerStep;
}

/**
 * `list[i]`, or a typed error naming the missing entry (a state or gradient list shorter than
 * the parameter list).
 */
export function entry<T>(list: readonly T[], i: number, what: string): T {
  const value = list[i];
  if (value === undefined) throw new TraceValueError(`${what} ${i}`, 'nothing (list too short)');
  return value;
}
