import { broadcastShapes } from '../shape.js';
import type { Operand, SymbolicTensor } from '../symbolic-tensor.js';
import type { GradientRule } from '../trace.js';
import { resultDtype, shapeOf, tensorsOf, traceOf } from './operands.js';
import { reduceToShape } from './broadcast.js';
import { neg, square } from './unary.js';

/**
 * Records a broadcasting binary op. `rule` gets the gradient and returns the gradient for each
 * operand *before* un-broadcasting, or `undefined` for a literal / not needed operand.
 */
function binary(
  command: string,
  a: Operand,
  b: Operand,
  rule: (g: SymbolicTensor, needA: boolean, needB: boolean) => [SymbolicTensor?, SymbolicTensor?],
): SymbolicTensor {
  const trace = traceOf(command, [a, b]);
  const shape = broadcastShapes(command, shapeOf(a), shapeOf(b));
  const operands = tensorsOf([a, b]);
  const gradient: GradientRule = (g, _y, needs) => {
    // needs[] is indexed over the tensor operands only; map it back to positions a and b.
    let k = 0;
    const needA = typeof a !== 'number' && needs[k++] === true;
    const needB = typeof b !== 'number' && needs[k++] === true;
    const [ga, gb] = rule(g, needA, needB);
    const result: (SymbolicTensor | undefined)[] = [];
    if (typeof a !== 'number') result.push(ga && reduceToShape(ga, a.shape));
    if (typeof b !== 'number') result.push(gb && reduceToShape(gb, b.shape));
    return result;
  };
  return trace.record({
    command,
    args: [a, b],
    operands,
    shape,
    dtype: resultDtype(a, b),
    gradient,
  });
}

/** Elementwise `a + b` with broadcasting (`tf.add`). Either side may be a number literal. */
export function add(a: Operand, b: Operand): SymbolicTensor {
  return binary('tf.add', a, b, (g) => [g, g]);
}

/** Elementwise `a - b` with broadcasting (`tf.sub`). */
export function sub(a: Operand, b: Operand): SymbolicTensor {
  return binary('tf.sub', a, b, (g, _na, needB) => [g, needB ? neg(g) : undefined]);
}

/** Elementwise `a * b` with broadcasting (`tf.mul`). */
export function mul(a: Operand, b: Operand): SymbolicTensor {
  return binary('tf.mul', a, b, (g, needA, needB) => [
    needA ? mul(g, b) : undefined,
    needB ? mul(g, a) : undefined,
  ]);
}

/** Elementwise `a / b` with broadcasting (`tf.div`). */
export function div(a: Operand, b: Operand): SymbolicTensor {
  return binary('tf.div', a, b, (g, needA, needB) => [
    needA ? div(g, b) : undefined,
    needB ? neg(div(mul(g, a), squareOperand(b))) : undefined,
  ]);
}

function squareOperand(b: Operand): Operand {
  return typeof b === 'number' ? b * b : square(b);
}
