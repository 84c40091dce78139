/** Codec for `generic.pointers.v1.PointerTensor` (decoded for completeness, never executed). */
import { readDims, readId, writeDimsField } from './id-codec.js';
import type { PointerTensor } from './messages.js';
import { writeOptionalId } from './torch-codec.js';
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** Reads a `PointerTensor`. */
export function readPointerTensor(r: WireReader): PointerTensor {
  const pointer: PointerTensor = { pointToAttr: '', garbageCollectData: false };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        pointer.objectId = r.message(tag, 'PointerTensor.object_id', readId);
        break;
      case 2:
        pointer.locationId = r.message(tag, 'PointerTensor.location_id', readId);
        break;
      case 3:
        pointer.objectIdAtLocation = r.message(tag, 'PointerTensor.object_id_at_location', readId);
        break;
      case 4:
        pointer.shape = r.message(tag, 'PointerTensor.shape', readDims);
        break;
      case 5:
        pointer.pointToAttr = r.string(tag, 'PointerTensor.point_to_attr');
        break;
      case 6:
        pointer.garbageCollectData = r.bool(tag, 'PointerTensor.garbage_collect_data');
        break;
      default:
        r.skip(tag);
    }
  }
  return pointer;
}

/** Writes the fields of a `PointerTensor`. */
export function writePointerTensor(w: WireWriter, pointer: PointerTensor): void {
  writeOptionalId(w, 1, pointer.objectId);
  writeOptionalId(w, 2, pointer.locationId);
  writeOptionalId(w, 3, pointer.objectIdAtLocation);
  if (pointer.shape !== undefined) writeDimsField(w, 4, pointer.shape);
  if (pointer.pointToAttr !== '') w.string(5, pointer.pointToAttr);
  if (pointer.garbageCollectData) w.bool(6, true);
}
