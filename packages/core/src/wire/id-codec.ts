/**
 * Codec for the small building blocks: `types.syft.v1.Id`, `execution.v1.PlaceholderId` and
 * the dims of `types.syft.v1.Shape` / `types.torch.v1.Size` (identical on the wire).
 */
import type { SyftId } from './messages.js';
import type { WireReader } from './wire-reader.js';
import { type WireWriter, cannotEncode } from './wire-writer.js';

/** Reads an `Id` message: `bigint` for `id_int`, `string` for `id_str` (the last one wins). */
export function readId(r: WireReader): SyftId {
  let id: SyftId | undefined;
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        id = r.int64(tag, 'Id.id_int');
        break;
      case 2:
        id = r.string(tag, 'Id.id_str');
        break;
      default:
        r.skip(tag);
    }
  }
  if (id === undefined) r.fail('Id has neither id_int nor id_str');
  return id;
}

/** Writes the fields of an `Id` message. */
export function writeId(w: WireWriter, id: SyftId): void {
  if (typeof id === 'bigint') w.int64(1, id);
  else if (typeof id === 'string') w.string(2, id);
  else cannotEncode(`Id: expected a bigint or a string, got ${typeof id}`);
}

/** Writes `id` as an `Id` sub-message in field `field`. */
export function writeIdField(w: WireWriter, field: number, id: SyftId): void {
  w.message(field, () => writeId(w, id));
}

/** Reads a `PlaceholderId` message and returns the id it wraps. */
export function readPlaceholderId(r: WireReader): SyftId {
  let id: SyftId | undefined;
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) id = r.message(tag, 'PlaceholderId.id', readId);
    else r.skip(tag);
  }
  if (id === undefined) r.fail('PlaceholderId has no id');
  return id;
}

/** Writes `id` as a `PlaceholderId` sub-message in field `field`. */
export function writePlaceholderIdField(w: WireWriter, field: number, id: SyftId): void {
  w.message(field, () => writeIdField(w, 1, id));
}

/** Reads a `Shape` or `Size` message: its dims, packed or not; absent dims are a scalar `[]`. */
export function readDims(r: WireReader): number[] {
  const dims: number[] = [];
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) r.int32s(tag, 'Shape.dims', dims);
    else r.skip(tag);
  }
  return dims;
}

/** Writes `dims` as a `Shape`/`Size` sub-message in field `field` (empty dims: empty message). */
export function writeDimsField(w: WireWriter, field: number, dims: readonly number[]): void {
  w.message(field, () => w.packedInt32(1, dims));
}
