/** Codec for `execution.v1.Plan` and the public {@link decodePlan} / {@link encodePlan}. */
import { readId } from './id-codec.js';
import { readMapEntry, writeMapField } from './map-codec.js';
import type { Plan, Role } from './messages.js';
import { emptyRole, readRole, writeRole } from './role-codec.js';
import { writeOptionalId } from './torch-codec.js';
import { type WireReader, decodeMessage } from './wire-reader.js';
import { type WireWriter, encodeMessage } from './wire-writer.js';

const PLAN = 'syft_proto.execution.v1.Plan';

/** Reads a `Plan`; `input_types` is kept as its encoded bytes. */
export function readPlan(r: WireReader): Plan {
  const plan: Plan = {
    includeState: false,
    name: '',
    tags: [],
    description: '',
    baseFramework: '',
    roles: new Map<string, Role>(),
  };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        plan.id = r.message(tag, 'Plan.id', readId);
        break;
      case 2:
        plan.role = r.message(tag, 'Plan.role', readRole);
        break;
      case 3:
        plan.includeState = r.bool(tag, 'Plan.include_state');
        break;
      case 4:
        plan.name = r.string(tag, 'Plan.name');
        break;
      case 5:
        plan.tags.push(r.string(tag, 'Plan.tags'));
        break;
      case 6:
        plan.description = r.string(tag, 'Plan.description');
        break;
      case 7:
        plan.torchscript = r.bytesValue(tag, 'Plan.torchscript');
        break;
      case 8:
        plan.inputTypes = r.bytesValue(tag, 'Plan.input_types');
        break;
      case 9:
        plan.baseFramework = r.string(tag, 'Plan.base_framework');
        break;
      case 10:
        readMapEntry(r, plan.roles, tag, 'Plan.roles', readRole, emptyRole);
        break;
      default:
        r.skip(tag);
    }
  }
  return plan;
}

/** Writes the fields of a `Plan` in field-number order. */
export function writePlan(w: WireWriter, plan: Plan): void {
  const role = plan.role;
  writeOptionalId(w, 1, plan.id);
  if (role !== undefined) w.message(2, () => writeRole(w, role));
  if (plan.includeState) w.bool(3, true);
  if (plan.name !== '') w.string(4, plan.name);
  for (const tag of plan.tags) w.string(5, tag);
  if (plan.description !== '') w.string(6, plan.description);
  if (plan.torchscript !== undefined && plan.torchscript.length > 0) w.bytes(7, plan.torchscript);
  if (plan.inputTypes !== undefined) w.bytes(8, plan.inputTypes);
  if (plan.baseFramework !== '') w.string(9, plan.baseFramework);
  writeMapField(w, 10, plan.roles, writeRole);
}

/**
 * Decodes a `syft_proto.execution.v1.Plan` (the body of `get-plan`). Run `plan.role`; the
 * `roles` map holds the other translations when the grid kept them.
 *
 * @example
 * ```ts
 * const plan = decodePlan(bytes);
 * for (const action of plan.role?.actions ?? []) console.log(action.command);
 * ```
 * @param bytes - the encoded message
 * @throws WireFormatError when the bytes are not a valid Plan
 */
export function decodePlan(bytes: Uint8Array): Plan {
  return decodeMessage(bytes, PLAN, readPlan);
}

/**
 * Encodes a `syft_proto.execution.v1.Plan`. A decoded plan encodes back to the same bytes.
 *
 * @param plan - the plan to encode
 * @returns the protobuf bytes
 * @throws WireFormatError when a part of the plan cannot be encoded
 */
export function encodePlan(plan: Plan): Uint8Array {
  return encodeMessage(PLAN, (w) => writePlan(w, plan));
}
