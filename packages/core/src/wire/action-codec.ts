/** Codec for `execution.v1.ComputationAction`. */
import { readArg, writeArg } from './arg-codec.js';
import { readId, readPlaceholderId, writeIdField, writePlaceholderIdField } from './id-codec.js';
import { readMapEntry, writeMapField } from './map-codec.js';
import type { Arg, ComputationAction } from './messages.js';
import { readPointerTensor, writePointerTensor } from './pointer-codec.js';
import { readTorchTensor, writeTorchTensor } from './torch-codec.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** Reads a `ComputationAction`. */
export function readComputationAction(r: WireReader): ComputationAction {
  const action: ComputationAction = {
    command: '',
    args: [],
    kwargs: new Map<string, Arg>(),
    returnIds: [],
    returnPlaceholderIds: [],
  };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        action.command = r.string(tag, 'ComputationAction.command');
        break;
      case 2:
        action.target = {
          kind: 'pointer',
          value: r.message(tag, 'ComputationAction.target_pointer', readPointerTensor),
        };
        break;
      case 3:
        action.target = {
          kind: 'placeholderId',
          value: r.message(tag, 'ComputationAction.target_placeholder_id', readPlaceholderId),
        };
        break;
      case 4:
        action.target = {
          kind: 'tensor',
          value: r.message(tag, 'ComputationAction.target_tensor', readTorchTensor),
        };
        break;
      case 5:
        action.args.push(r.message(tag, 'ComputationAction.args', readArg));
        break;
      case 6:
        readMapEntry(r, action.kwargs, tag, 'ComputationAction.kwargs', readArg, () => ({
          kind: 'none',
        }));
        break;
      case 7:
        action.returnIds.push(r.message(tag, 'ComputationAction.return_ids', readId));
        break;
      case 8:
        action.returnPlaceholderIds.push(
          r.message(tag, 'ComputationAction.return_placeholder_ids', readPlaceholderId),
        );
        break;
      case 9:
        action.target = {
          kind: 'id',
          value: r.message(tag, 'ComputationAction.target_id', readId),
        };
        break;
      default:
        r.skip(tag);
    }
  }
  return action;
}

/** Writes the fields of a `ComputationAction` in field-number order. */
export function writeComputationAction(w: WireWriter, action: ComputationAction): void {
  const target = action.target;
  if (action.command !== '') w.string(1, action.command);
  if (target?.kind === 'pointer') w.message(2, () => writePointerTensor(w, target.value));
  if (target?.kind === 'placeholderId') writePlaceholderIdField(w, 3, target.value);
  if (target?.kind === 'tensor') w.message(4, () => writeTorchTensor(w, target.value));
  for (const arg of action.args) w.message(5, () => writeArg(w, arg));
  writeMapField(w, 6, action.kwargs, writeArg);
  for (const id of action.returnIds) writeIdField(w, 7, id);
  for (const id of action.returnPlaceholderIds) writePlaceholderIdField(w, 8, id);
  if (target?.kind === 'id') writeIdField(w, 9, target.value);
}
