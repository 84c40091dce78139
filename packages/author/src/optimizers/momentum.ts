import * as tf from '@tensorflow/tfjs';
import { add, mul, sub } from '../ops/arithmetic.js';
import { entry, type Optimizer } from './optimizer.js';

/**
 * SGD with momentum in PyTorch's form: `v ← μ·v + g`, `p ← p − lr·v`. State: one velocity per
 * parameter (same shape), starting at zero.
 * @param momentum - μ, default 0.9
 */
export function sgdMomentum(momentum = 0.9): Optimizer {
  return {
    name: `momentum(${momentum})`,
    stateShapes: (shapes) => [...shapes],
    initialState: (shapes) => shapes.map((shape) => tf.zeros([...shape])),
    step: (params, grads, state, lr) => {
      const velocities = params.map((p, i) =>
        add(mul(entry(state, i, 'momentum state'), momentum), entry(grads, i, 'gradient')),
      );
      return {
        params: params.map((p, i) => sub(p, mul(lr, entry(velocities, i, 'velocity')))),
        state: velocities,
      };
    },
  };
}
