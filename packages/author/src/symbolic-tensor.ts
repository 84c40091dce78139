import type { Trace } from './trace.js';
import type { Shape } from './shape.js';
import { formatShape } from './errors.js';

/** The tfjs dtypes a traced tensor can have. */
export type TensorDtype = 'float32' | 'int32' | 'bool';

/**
 * A tensor inside a trace: it has no values, only a placeholder id, a static shape and a dtype.
 * Ops on symbolic tensors check shapes and append actions to the trace that owns them.
 */
export class SymbolicTensor {
  /**
   * @param trace - the trace that owns the tensor
   * @param id - the placeholder id actions use to refer to it
   * @param shape - its static shape
   * @param dtype - its dtype
   * @param producer - the index of the trace node that computed it, `undefined` for an input
   */
  constructor(
    readonly trace: Trace,
    readonly id: bigint,
    readonly shape: Shape,
    readonly dtype: TensorDtype,
    readonly producer?: number,
  ) {}

  /** The number of dimensions. */
  get rank(): number {
    return this.shape.length;
  }

  /** A short description for messages, e.g. `float32[64,10]`. */
  toString(): string {
    return `${this.dtype}${formatShape(this.shape)}`;
  }
}

/** An operand of an elementwise op: a traced tensor or a JS number literal. */
export type Operand = SymbolicTensor | number;

/** Whether a value is a symbolic tensor (of any trace). */
export function isSymbolic(value: unknown): value is SymbolicTensor {
  return value instanceof SymbolicTensor;
}
