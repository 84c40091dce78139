import { ShapeMismatchError } from '../errors.js';
import { broadcastShapes, normalizeAxes, reducedShape } from '../shape.js';
import type { Operand, SymbolicTensor, TensorDtype } from '../symbolic-tensor.js';
import { requireTensor, shapeOf, tensorsOf, traceOf } from './operands.js';

/** Elementwise `a == b` as bool (`tf.equal`). Not differentiable. */
export function equal(a: Operand, b: Operand): SymbolicTensor {
  return compare('tf.equal', a, b);
}

/** Elementwise `a > b` as bool (`tf.greater`). Not differentiable. */
export function greater(a: Operand, b: Operand): SymbolicTensor {
  return compare('tf.greater', a, b);
}

function compare(command: string, a: Operand, b: Operand): SymbolicTensor {
  const trace = traceOf(command, [a, b]);
  const shape = broadcastShapes(command, shapeOf(a), shapeOf(b));
  return trace.record({ command, args: [a, b], operands: tensorsOf([a, b]), shape, dtype: 'bool' });
}

/** The index of the largest value along `axis` as int32 (`tf.argMax`). Not differentiable. */
export function argMax(x: SymbolicTensor, axis = 0): SymbolicTensor {
  const command = 'tf.argMax';
  const tensor = requireTensor(command, x, 0);
  const [positive] = normalizeAxes(command, tensor.shape, axis);
  if (positive === undefined) throw new ShapeMismatchError(command, [x.shape], 'needs an axis');
  const shape = reducedShape(tensor.shape, [positive], false);
  return tensor.trace.record({
    command,
    args: [tensor, positive],
    operands: [tensor],
    shape,
    dtype: 'int32',
  });
}

/**
 * Converts to another dtype (`tf.cast`). A float-to-float cast passes the gradient through;
 * casts from bool or int32 carry none.
 */
export function cast(x: SymbolicTensor, dtype: TensorDtype): SymbolicTensor {
  const command = 'tf.cast';
  const tensor = requireTensor(command, x, 0);
  return tensor.trace.record({
    command,
    args: [tensor, dtype],
    operands: [tensor],
    shape: tensor.shape,
    dtype,
    gradient: (g) => [tensor.dtype === 'float32' && dtype === 'float32' ? g : undefined],
  });
}
