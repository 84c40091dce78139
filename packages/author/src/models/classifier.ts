import type { Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { ParamSpec } from './init.js';

/**
 * A classification model, defined by its parameters and its forward pass. The builders trace
 * training and evaluation plans from it.
 */
export interface ClassifierModel {
  /** A short name, used in plan names. */
  readonly name: string;
  /** The shape of one example, e.g. `[784]`. */
  readonly exampleShape: Shape;
  /** The number of classes (width of the one-hot target and of the logits). */
  readonly classes: number;
  /** The parameters, in plan order. */
  readonly params: readonly ParamSpec[];
  /**
   * Traces the forward pass.
   * @param x - a batch, `[batch, ...exampleShape]`
   * @param params - the parameters in `params` order
   * @returns the logits, `[batch, classes]`
   */
  forward(x: SymbolicTensor, params: readonly SymbolicTensor[]): SymbolicTensor;
}
