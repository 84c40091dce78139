/** Codec for `execution.v1.Placeholder`. */
import { readDims, readId, writeDimsField } from './id-codec.js';
import type { Placeholder } from './messages.js';
import {
  readParameter,
  readTorchTensor,
  writeOptionalId,
  writeParameter,
  writeTorchTensor,
} from './torch-codec.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** Reads a `Placeholder`; `expectedShape` is `[]` when present but empty. */
export function readPlaceholder(r: WireReader): Placeholder {
  const placeholder: Placeholder = { tags: [], description: '' };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        placeholder.child = {
          kind: 'tensor',
          tensor: r.message(tag, 'Placeholder.child_tensor', readTorchTensor),
        };
        break;
      case 2:
        placeholder.child = {
          kind: 'parameter',
          parameter: r.message(tag, 'Placeholder.child_parameter', readParameter),
        };
        break;
      case 3:
        placeholder.id = r.message(tag, 'Placeholder.id', readId);
        break;
      case 4:
        placeholder.tags.push(r.string(tag, 'Placeholder.tags'));
        break;
      case 5:
        placeholder.description = r.string(tag, 'Placeholder.description');
        break;
      case 6:
        placeholder.expectedShape = r.message(tag, 'Placeholder.expected_shape', readDims);
        break;
      default:
        r.skip(tag);
    }
  }
  return placeholder;
}

/** Writes the fields of a `Placeholder`. */
export function writePlaceholder(w: WireWriter, placeholder: Placeholder): void {
  const child = placeholder.child;
  if (child?.kind === 'tensor') w.message(1, () => writeTorchTensor(w, child.tensor));
  else if (child?.kind === 'parameter') w.message(2, () => writeParameter(w, child.parameter));
  writeOptionalId(w, 3, placeholder.id);
  for (const tag of placeholder.tags) w.string(4, tag);
  if (placeholder.description !== '') w.string(5, placeholder.description);
  if (placeholder.expectedShape !== undefined) writeDimsField(w, 6, placeholder.expectedShape);
}
