import type { Trace } from './trace.js';
import type { Shape } from './shape.js';
import { formatShape } from './errors.js';
import * as ops from './ops/index.js';

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

  // Chainable forms of the ops (`x.matMul(w).add(b).relu()`); each records the same action
  // as the op function of the same name.

  /** {@link ops.add} */
  add(b: Operand): SymbolicTensor {
    return ops.add(this, b);
  }
  /** {@link ops.sub} */
  sub(b: Operand): SymbolicTensor {
    return ops.sub(this, b);
  }
  /** {@link ops.mul} */
  mul(b: Operand): SymbolicTensor {
    return ops.mul(this, b);
  }
  /** {@link ops.div} */
  div(b: Operand): SymbolicTensor {
    return ops.div(this, b);
  }
  /** {@link ops.matMul} */
  matMul(b: SymbolicTensor): SymbolicTensor {
    return ops.matMul(this, b);
  }
  /** {@link ops.transpose} */
  transpose(perm?: readonly number[]): SymbolicTensor {
    return ops.transpose(this, perm);
  }
  /** {@link ops.reshape} */
  reshape(shape: readonly number[]): SymbolicTensor {
    return ops.reshape(this, shape);
  }
  /** {@link ops.flatten} */
  flatten(): SymbolicTensor {
    return ops.flatten(this);
  }
  /** {@link ops.sum} */
  sum(axes?: ops.Axes, keepDims = false): SymbolicTensor {
    return ops.sum(this, axes, keepDims);
  }
  /** {@link ops.mean} */
  mean(axes?: ops.Axes, keepDims = false): SymbolicTensor {
    return ops.mean(this, axes, keepDims);
  }
  /** {@link ops.max} */
  max(axes?: ops.Axes, keepDims = false): SymbolicTensor {
    return ops.max(this, axes, keepDims);
  }
  /** {@link ops.pow} */
  pow(exponent: number): SymbolicTensor {
    return ops.pow(this, exponent);
  }
  /** {@link ops.neg} */
  neg(): SymbolicTensor {
    return ops.neg(this);
  }
  /** {@link ops.exp} */
  exp(): SymbolicTensor {
    return ops.exp(this);
  }
  /** {@link ops.log} */
  log(): SymbolicTensor {
    return ops.log(this);
  }
  /** {@link ops.sqrt} */
  sqrt(): SymbolicTensor {
    return ops.sqrt(this);
  }
  /** {@link ops.square} */
  square(): SymbolicTensor {
    return ops.square(this);
  }
  /** {@link ops.abs} */
  abs(): SymbolicTensor {
    return ops.abs(this);
  }
  /** {@link ops.relu} */
  relu(): SymbolicTensor {
    return ops.relu(this);
  }
  /** {@link ops.sigmoid} */
  sigmoid(): SymbolicTensor {
    return ops.sigmoid(this);
  }
  /** {@link ops.tanh} */
  tanh(): SymbolicTensor {
    return ops.tanh(this);
  }
  /** {@link ops.softmax} */
  softmax(): SymbolicTensor {
    return ops.softmax(this);
  }
  /** {@link ops.logSoftmax} */
  logSoftmax(): SymbolicTensor {
    return ops.logSoftmax(this);
  }
  /** {@link ops.cast} */
  cast(dtype: TensorDtype): SymbolicTensor {
    return ops.cast(this, dtype);
  }
}

/** An operand of an elementwise op: a traced tensor or a JS number literal. */
export type Operand = SymbolicTensor | number;

/** Whether a value is a symbolic tensor (of any trace). */
export function isSymbolic(value: unknown): value is SymbolicTensor {
  return value instanceof SymbolicTensor;
}
