/** Codec for `execution.v1.Role`: the program of a plan for one framework. */
import { readComputationAction, writeComputationAction } from './action-codec.js';
import { readId, writeIdField } from './id-codec.js';
import type { Role } from './messages.js';
import { readPlaceholder, writePlaceholder } from './placeholder-codec.js';
import { readState, writeState } from './state-codec.js';
import { writeOptionalId } from './torch-codec.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** An empty role, the value of a map entry that has none. */
export function emptyRole(): Role {
  return { actions: [], placeholders: [], inputIds: [], outputIds: [], tags: [], description: '' };
}

/** Reads a `Role`. */
export function readRole(r: WireReader): Role {
  const role = emptyRole();
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        role.id = r.message(tag, 'Role.id', readId);
        break;
      case 2:
        role.actions.push(r.message(tag, 'Role.actions', readComputationAction));
        break;
      case 3:
        role.state = r.message(tag, 'Role.state', readState);
        break;
      case 4:
        role.placeholders.push(r.message(tag, 'Role.placeholders', readPlaceholder));
        break;
      case 5:
        role.inputIds.push(r.message(tag, 'Role.input_placeholder_ids', readId));
        break;
      case 6:
        role.outputIds.push(r.message(tag, 'Role.output_placeholder_ids', readId));
        break;
      case 7:
        role.tags.push(r.string(tag, 'Role.tags'));
        break;
      case 8:
        role.description = r.string(tag, 'Role.description');
        break;
      default:
        r.skip(tag);
    }
  }
  return role;
}

/** Writes the fields of a `Role`; a defined `state` is written even when empty, as PySyft does. */
export function writeRole(w: WireWriter, role: Role): void {
  const state = role.state;
  writeOptionalId(w, 1, role.id);
  for (const action of role.actions) w.message(2, () => writeComputationAction(w, action));
  if (state !== undefined) w.message(3, () => writeState(w, state));
  for (const placeholder of role.placeholders) w.message(4, () => writePlaceholder(w, placeholder));
  for (const id of role.inputIds) writeIdField(w, 5, id);
  for (const id of role.outputIds) writeIdField(w, 6, id);
  for (const tag of role.tags) w.string(7, tag);
  if (role.description !== '') w.string(8, role.description);
}
