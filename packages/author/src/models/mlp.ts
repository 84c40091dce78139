import { relu } from '../ops/unary.js';
import { TraceValueError } from '../errors.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { ClassifierModel } from './classifier.js';
import { dense, denseParams } from './layers.js';

/**
 * A multi-layer perceptron with ReLU between layers.
 * @param name - the model name
 * @param widths - layer widths from input to output, e.g. `[784, 200, 200, 10]`
 */
export function mlp(name: string, widths: readonly number[]): ClassifierModel {
  const layers = widths.length - 1;
  const params = widths
    .slice(1)
    .flatMap((out, i) => denseParams(`fc${i + 1}`, widths[i] ?? 0, out, i < layers - 1));
  return {
    name,
    exampleShape: [widths[0] ?? 0],
    classes: widths[layers] ?? 0,
    params,
    forward(x: SymbolicTensor, p: readonly SymbolicTensor[]): SymbolicTensor {
      let h = x;
      for (let i = 0; i < layers; i++) {
        const [weight, bias] = [p[2 * i], p[2 * i + 1]];
        if (!weight || !bias) throw new TraceValueError(`${name} parameter ${2 * i}`, 'nothing');
        h = dense(h, weight, bias);
        if (i < layers - 1) h = relu(h);
      }
      return h;
    },
  };
}

/**
 * The "2NN" of McMahan et al., "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data" (FedAvg, 2017): 784-200-200-10 with ReLU.
 */
export function mnist2nnModel(): ClassifierModel {
  return mlp('mnist_2nn', [784, 200, 200, 10]);
}

/** The 784-392-10 ReLU MLP of PySyft's and syft.js's MNIST examples. */
export function mnistMlpModel(): ClassifierModel {
  return mlp('mnist_mlp', [784, 392, 10]);
}
