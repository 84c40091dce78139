import { TraceValueError } from '../errors.js';
import { add } from '../ops/arithmetic.js';
import { conv2d } from '../ops/conv.js';
import { maxPool } from '../ops/pooling.js';
import { flatten, reshape } from '../ops/reshape.js';
import { relu } from '../ops/unary.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { ClassifierModel } from './classifier.js';
import type { ParamSpec } from './init.js';
import { dense, denseParams } from './layers.js';

function convParams(name: string, kernel: number, inputs: number, outputs: number): ParamSpec[] {
  return [
    {
      name: `${name}.filter`,
      shape: [kernel, kernel, inputs, outputs],
      init: { kind: 'heNormal', fanIn: kernel * kernel * inputs },
    },
    { name: `${name}.bias`, shape: [outputs], init: { kind: 'zeros' } },
  ];
}

/**
 * A small MNIST CNN taking flat `[batch, 784]` images (the usual syft.js data shape):
 * conv 5×5 (8) → ReLU → max-pool 2 → conv 5×5 (16) → ReLU → max-pool 2 → dense 256→10.
 * Filters are in tfjs layout `[kh, kw, in, out]`; the dense weight is `[10, 256]`.
 */
export function mnistCnnModel(): ClassifierModel {
  const params = [
    ...convParams('conv1', 5, 1, 8),
    ...convParams('conv2', 5, 8, 16),
    ...denseParams('fc', 256, 10, false),
  ];
  return {
    name: 'mnist_cnn',
    exampleShape: [784],
    classes: 10,
    params,
    forward(x: SymbolicTensor, p: readonly SymbolicTensor[]): SymbolicTensor {
      const [f1, b1, f2, b2, w, b] = p;
      if (!f1 || !b1 || !f2 || !b2 || !w || !b) {
        throw new TraceValueError('mnist_cnn parameters', `${p.length} tensors, expected 6`);
      }
      const images = reshape(x, [x.shape[0] ?? 1, 28, 28, 1]);
      const h1 = maxPool(relu(add(conv2d(images, f1), b1)), 2);
      const h2 = maxPool(relu(add(conv2d(h1, f2), b2)), 2);
      return dense(flatten(h2), w, b);
    },
  };
}
