import { ShapeMismatchError } from '../errors.js';
import { sameShape } from '../shape.js';
import type { Operand, SymbolicTensor } from '../symbolic-tensor.js';
import { div, mul, sub } from './arithmetic.js';
import { logSoftmax } from './softmax.js';
import { mean, sum } from './reductions.js';
import { neg, square } from './unary.js';
import { requireTensor } from './operands.js';

function sameShapes(command: string, a: SymbolicTensor, b: SymbolicTensor): void {
  if (!sameShape(a.shape, b.shape) || a.rank !== 2) {
    throw new ShapeMismatchError(
      command,
      [a.shape, b.shape],
      'needs two [batch, classes] tensors of the same shape',
    );
  }
}

/**
 * Softmax cross-entropy of one-hot (or soft) `labels` against `logits`, both `[batch, classes]`:
 * `-Σ labels · logSoftmax(logits) / batchSize`. `batchSize` defaults to the static batch
 * dimension; pass the plan's batch-size input to divide by it as syft.js plans do.
 */
export function softmaxCrossEntropy(
  labels: SymbolicTensor,
  logits: SymbolicTensor,
  batchSize?: Operand,
): SymbolicTensor {
  const command = 'softmaxCrossEntropy';
  sameShapes(command, requireTensor(command, labels, 0), requireTensor(command, logits, 1));
  const total = neg(sum(mul(labels, logSoftmax(logits))));
  return div(total, batchSize ?? logits.shape[0] ?? 1);
}

/** Mean squared error over every element: `mean((predictions - labels)²)`. */
export function meanSquaredError(
  labels: SymbolicTensor,
  predictions: SymbolicTensor,
): SymbolicTensor {
  const command = 'meanSquaredError';
  const a = requireTensor(command, labels, 0);
  const b = requireTensor(command, predictions, 1);
  if (!sameShape(a.shape, b.shape)) {
    throw new ShapeMismatchError(
      command,
      [a.shape, b.shape],
      'needs labels and predictions of the same shape',
    );
  }
  return mean(square(sub(b, a)));
}
