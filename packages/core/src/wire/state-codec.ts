/**
 * Codec for `execution.v1.State` and `StateTensor`, and the public {@link decodeState} /
 * {@link encodeState} (model download, checkpoints and report diffs).
 */
import type { State, StateTensor } from './messages.js';
import { readPlaceholder, writePlaceholder } from './placeholder-codec.js';
import { readParameter, readTorchTensor, writeParameter, writeTorchTensor } from './torch-codec.js';
import { type WireReader, decodeMessage } from './wire-reader.js';
import { type WireWriter, cannotEncode, encodeMessage } from './wire-writer.js';

const STATE = 'syft_proto.execution.v1.State';

/** Reads a `State`. */
export function readState(r: WireReader): State {
  const state: State = { placeholders: [], tensors: [] };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        state.placeholders.push(r.message(tag, 'State.placeholders', readPlaceholder));
        break;
      case 2:
        state.tensors.push(r.message(tag, 'State.tensors', readStateTensor));
        break;
      default:
        r.skip(tag);
    }
  }
  return state;
}

/** Reads a `StateTensor`; it must hold a tensor or a parameter. */
function readStateTensor(r: WireReader): StateTensor {
  let entry: StateTensor | undefined;
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        entry = {
          kind: 'tensor',
          tensor: r.message(tag, 'StateTensor.torch_tensor', readTorchTensor),
        };
        break;
      case 2:
        entry = {
          kind: 'parameter',
          parameter: r.message(tag, 'StateTensor.torch_param', readParameter),
        };
        break;
      default:
        r.skip(tag);
    }
  }
  if (entry === undefined) r.fail('StateTensor has neither torch_tensor nor torch_param');
  return entry;
}

/** Writes the fields of a `State`. */
export function writeState(w: WireWriter, state: State): void {
  for (const placeholder of state.placeholders)
    w.message(1, () => writePlaceholder(w, placeholder));
  for (const entry of state.tensors) {
    w.message(2, () => {
      if (entry.kind === 'tensor') w.message(1, () => writeTorchTensor(w, entry.tensor));
      else if (entry.kind === 'parameter') w.message(2, () => writeParameter(w, entry.parameter));
      else
        cannotEncode(
          `StateTensor: unknown kind ${JSON.stringify((entry as { kind: unknown }).kind)}`,
        );
    });
  }
}

/**
 * Decodes a `syft_proto.execution.v1.State`: a model, a checkpoint or a report diff.
 * `placeholders[i]` goes with `tensors[i]`; the tensor values are typed arrays.
 *
 * @example
 * ```ts
 * const state = decodeState(await response.bytes());
 * const first = state.tensors[0]; // { kind: 'tensor', tensor: { data: { shape, values, ... } } }
 * ```
 * @param bytes - the encoded message
 * @throws WireFormatError when the bytes are not a valid State
 */
export function decodeState(bytes: Uint8Array): State {
  return decodeMessage(bytes, STATE, readState);
}

/**
 * Encodes a `syft_proto.execution.v1.State`. Tensor values are written as one packed block.
 *
 * @param state - the state to encode
 * @returns the protobuf bytes
 * @throws WireFormatError when a tensor's values do not fit its dtype or shape
 */
export function encodeState(state: State): Uint8Array {
  return encodeMessage(STATE, (w) => writeState(w, state));
}
