/** Conversions between a wire `State` and a list of TensorFlow.js tensors (model parameters). */
import type * as tf from '@tensorflow/tfjs';

import type { State } from '../wire/messages.js';
import { entryTensor, syftJsState } from './state-layout.js';
import { tensorFromTorch, torchFromTensor } from './tfjs-tensor.js';

/**
 * The tensors of a State, in order (Parameters are unwrapped), as TensorFlow.js tensors.
 * Binding is positional: tensor *i* is model parameter *i*.
 *
 * @example
 * ```ts
 * const params = tensorsFromState(decodeState(modelBytes));
 * ```
 * @param state - a decoded State
 * @returns new tensors the caller owns; on error none is left allocated
 * @throws TensorConversionError when a tensor is not portable
 */
export function tensorsFromState(state: State): tf.Tensor[] {
  const tensors: tf.Tensor[] = [];
  try {
    state.tensors.forEach((entry, i) => {
      tensors.push(tensorFromTorch(entryTensor(entry, i), `State.tensors[${i}]`));
    });
  } catch (error) {
    for (const tensor of tensors) tensor.dispose();
    throw error;
  }
  return tensors;
}

/**
 * A State in syft.js's layout (wire-format.md §4.6) holding `tensors` in order, for a report
 * diff or a model upload.
 *
 * @example
 * ```ts
 * const diff = bytesToBase64(encodeState(stateFromTensors(diffTensors)));
 * ```
 * @param tensors - float32, int32 or bool tensors; they are not disposed
 * @throws TensorConversionError for a disposed tensor or an unsupported dtype
 */
export function stateFromTensors(tensors: readonly tf.Tensor[]): State {
  return syftJsState(tensors.map((tensor) => torchFromTensor(tensor)));
}
