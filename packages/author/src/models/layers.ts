import { add } from '../ops/arithmetic.js';
import { matMul, transpose } from '../ops/linalg.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { ParamSpec } from './init.js';

/**
 * A fully connected layer in PyTorch's layout: `x·Wᵀ + b` with `W [out, in]`, `b [out]`. The
 * transpose is its own action, as in PySyft's MNIST plan.
 */
export function dense(
  x: SymbolicTensor,
  weight: SymbolicTensor,
  bias: SymbolicTensor,
): SymbolicTensor {
  return add(matMul(x, transpose(weight)), bias);
}

/**
 * The parameter specs of a dense layer: He-normal weights when a ReLU follows, Glorot-uniform
 * otherwise; zero bias.
 */
export function denseParams(
  name: string,
  inputs: number,
  outputs: number,
  reluFollows: boolean,
): ParamSpec[] {
  return [
    {
      name: `${name}.weight`,
      shape: [outputs, inputs],
      init: reluFollows
        ? { kind: 'heNormal', fanIn: inputs }
        : { kind: 'glorotUniform', fanIn: inputs, fanOut: outputs },
    },
    { name: `${name}.bias`, shape: [outputs], init: { kind: 'zeros' } },
  ];
}
