import type { SymbolicTensor, TensorDtype } from '../symbolic-tensor.js';
import type { GradientRule } from '../trace.js';
import { requireTensor } from './operands.js';
import { add, div, mul, sub } from './arithmetic.js';
import { cast, greater } from './comparison.js';
import { filled } from './creation.js';

/** Records a one-operand op that keeps the shape; `rule` maps (g, x, y) to the gradient. */
function unary(
  command: string,
  x: SymbolicTensor,
  rule?: (g: SymbolicTensor, x: SymbolicTensor, y: SymbolicTensor) => SymbolicTensor | undefined,
  extraArgs: readonly (number | string)[] = [],
  dtype: TensorDtype = 'float32',
): SymbolicTensor {
  const tensor = requireTensor(command, x, 0);
  const gradient: GradientRule | undefined = rule && ((g, y) => [rule(g, tensor, y)]);
  return tensor.trace.record({
    command,
    args: [tensor, ...extraArgs],
    operands: [tensor],
    shape: tensor.shape,
    dtype,
    ...(gradient ? { gradient } : {}),
  });
}

/** Elementwise `-x` (`tf.neg`). */
export function neg(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.neg', x, (g) => neg(g), [], x.dtype);
}

/** Elementwise `e^x` (`tf.exp`). */
export function exp(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.exp', x, (g, _x, y) => mul(g, y));
}

/** Elementwise natural logarithm (`tf.log`). */
export function log(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.log', x, (g, xs) => div(g, xs));
}

/** Elementwise square root (`tf.sqrt`). */
export function sqrt(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.sqrt', x, (g, _x, y) => div(g, mul(y, 2)));
}

/** Elementwise `x²`, emitted as `tf.mul(x, x)` (threepio has no `square`, so workers may not). */
export function square(x: SymbolicTensor): SymbolicTensor {
  return mul(requireTensor('square', x, 0), x);
}

/** Elementwise `x^exponent` for a constant exponent (`tf.pow`). */
export function pow(x: SymbolicTensor, exponent: number): SymbolicTensor {
  return unary('tf.pow', x, (g, xs) => mul(g, mul(pow(xs, exponent - 1), exponent)), [exponent]);
}

/** Elementwise `|x|` (`tf.abs`); its gradient is `sign(x)` (0 at 0). */
export function abs(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.abs', x, (g, xs) => mul(g, sign(xs)), [], x.dtype);
}

/** Elementwise sign, -1, 0 or 1 (`tf.sign`). Piecewise constant: no gradient flows. */
export function sign(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.sign', x, () => undefined);
}

/** Elementwise `1 if x > 0 else 0` as float32 (`cast(greater(x, 0))`). No gradient flows. */
export function step(x: SymbolicTensor): SymbolicTensor {
  return cast(greater(requireTensor('step', x, 0), 0), 'float32');
}

/** Elementwise logistic function `1 / (1 + e^-x)` (`tf.sigmoid`). */
export function sigmoid(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.sigmoid', x, (g, _x, y) => mul(g, mul(y, sub(1, y))));
}

/** Elementwise hyperbolic tangent (`tf.tanh`). */
export function tanh(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.tanh', x, (g, _x, y) => mul(g, sub(1, square(y))));
}

/** Elementwise `max(x, 0)` (`tf.relu`); its gradient is `step(x)`. */
export function relu(x: SymbolicTensor): SymbolicTensor {
  return unary('tf.relu', x, (g, xs) => mul(g, step(xs)));
}

/** A tensor of ones shaped like `x` (`tf.ones(shape)`). Constant: no gradient flows. */
export function onesLike(x: SymbolicTensor): SymbolicTensor {
  const tensor = requireTensor('onesLike', x, 0);
  return filled(tensor.trace, 1, tensor.shape, tensor.dtype);
}

/** A tensor of zeros shaped like `x` (`tf.zeros(shape)`). Constant: no gradient flows. */
export function zerosLike(x: SymbolicTensor): SymbolicTensor {
  const tensor = requireTensor('zerosLike', x, 0);
  return filled(tensor.trace, 0, tensor.shape, tensor.dtype);
}

/** `x` unchanged (`x + 0`); a plan output needs a fresh id when it would repeat another one. */
export function identity(x: SymbolicTensor): SymbolicTensor {
  return add(x, 0);
}
