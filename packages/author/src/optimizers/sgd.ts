import { mul, sub } from '../ops/arithmetic.js';
import { entry, type Optimizer } from './optimizer.js';

/**
 * Plain stochastic gradient descent, `p ← p − lr·g`, the update of PySyft's MNIST plan.
 * It has no state.
 * @example
 * const { params: next } = sgd().step(params, grads, [], lr);
 */
export function sgd(): Optimizer {
  return {
    name: 'sgd',
    stateShapes: () => [],
    initialState: () => [],
    step: (params, grads, _state, lr) => ({
      params: params.map((p, i) => sub(p, mul(lr, entry(grads, i, 'gradient')))),
      state: [],
    }),
  };
}
