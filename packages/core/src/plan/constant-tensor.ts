import type * as tf from '@tensorflow/tfjs';

import { tensorFromTorch } from '../tensor/tfjs-tensor.js';
import type { TorchTensor } from '../wire/messages.js';

/**
 * A plan constant (a state tensor or an `arg_tensor`) as a tfjs tensor, or the reason it
 * cannot be one (reported as a load problem). Conversion rules are `tensorFromTorch`'s.
 */
export function constantTensor(torch: TorchTensor, label: string): tf.Tensor | string {
  try {
    return tensorFromTorch(torch, label);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
