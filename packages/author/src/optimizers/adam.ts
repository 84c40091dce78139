import * as tf from '@tensorflow/tfjs';
import { add, div, mul, sub } from '../ops/arithmetic.js';
import { sqrt, square } from '../ops/unary.js';
import { entry, type Optimizer } from './optimizer.js';

/** Adam's hyper-parameters. */
export interface AdamOptions {
  /** Decay of the first moment, default 0.9. */
  beta1?: number;
  /** Decay of the second moment, default 0.999. */
  beta2?: number;
  /** Added to the denominator, default 1e-8. */
  epsilon?: number;
}

/**
 * Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", 2015) with bias correction.
 *
 * State, in order: the first moments m (one per parameter), the second moments v (one per
 * parameter), then `beta1^t` and `beta2^t` as `[1]` tensors. They start at 0, 0, 1 and 1; each
 * step multiplies the powers by the betas, so the worker needs no step counter.
 */
export function adam(options: AdamOptions = {}): Optimizer {
  const { beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8 } = options;
  return {
    name: 'adam',
    stateShapes: (shapes) => [...shapes, ...shapes, [1], [1]],
    initialState: (shapes) => [
      ...shapes.map((shape) => tf.zeros([...shape])),
      ...shapes.map((shape) => tf.zeros([...shape])),
      tf.ones([1]),
      tf.ones([1]),
    ],
    step: (params, grads, state, lr) => {
      const n = params.length;
      const b1Power = mul(entry(state, 2 * n, 'adam state'), beta1);
      const b2Power = mul(entry(state, 2 * n + 1, 'adam state'), beta2);
      const m = params.map((p, i) =>
        add(mul(entry(state, i, 'adam state'), beta1), mul(entry(grads, i, 'gradient'), 1 - beta1)),
      );
      const v = params.map((p, i) =>
        add(
          mul(entry(state, n + i, 'adam state'), beta2),
          mul(square(entry(grads, i, 'gradient')), 1 - beta2),
        ),
      );
      const next = params.map((p, i) => {
        const mHat = div(entry(m, i, 'moment'), sub(1, b1Power));
        const vHat = div(entry(v, i, 'moment'), sub(1, b2Power));
        return sub(p, div(mul(lr, mHat), add(sqrt(vHat), epsilon)));
      });
      return { params: next, state: [...m, ...v, b1Power, b2Power] };
    },
  };
}
