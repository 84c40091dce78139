import { TraceValueError, describeValue } from '../errors.js';
import { SymbolicTensor, type Operand, type TensorDtype } from '../symbolic-tensor.js';
import type { Shape } from '../shape.js';
import type { Trace } from '../trace.js';

/**
 * The trace the operands belong to.
 * @throws TraceValueError when no operand is a symbolic tensor, or they come from two traces
 */
export function traceOf(op: string, operands: readonly unknown[]): Trace {
  let trace: Trace | undefined;
  operands.forEach((value, i) => {
    if (value instanceof SymbolicTensor) {
      if (trace && trace !== value.trace) {
        throw new TraceValueError(`${op} operand ${i}`, 'a tensor of another trace');
      }
      trace = value.trace;
    } else if (typeof value !== 'number') {
      throw new TraceValueError(`${op} operand ${i}`, describeValue(value));
    }
  });
  if (!trace) throw new TraceValueError(op, 'only number literals (nothing to trace)');
  return trace;
}

/**
 * Narrows an operand to a symbolic tensor.
 * @throws TraceValueError naming the op and operand position otherwise
 */
export function requireTensor(op: string, value: unknown, position: number): SymbolicTensor {
  if (value instanceof SymbolicTensor) return value;
  throw new TraceValueError(`${op} operand ${position}`, describeValue(value));
}

/** The static shape of an operand (`[]` for a number literal). */
export function shapeOf(value: Operand): Shape {
  return typeof value === 'number' ? [] : value.shape;
}

/** The dtype tfjs gives an arithmetic result (bool < int32 < float32; literals are float). */
export function resultDtype(a: Operand, b: Operand): TensorDtype {
  const rank = (v: Operand): number =>
    typeof v === 'number'
      ? Number.isInteger(v)
        ? 1
        : 2
      : { bool: 0, int32: 1, float32: 2 }[v.dtype];
  const top = Math.max(rank(a), rank(b), 1);
  return top === 2 ? 'float32' : 'int32';
}

/** The symbolic tensors among the operands, in order. */
export function tensorsOf(operands: readonly Operand[]): SymbolicTensor[] {
  return operands.filter((v): v is SymbolicTensor => v instanceof SymbolicTensor);
}
