/**
 * Codec for proto3 `map<string, Message>` fields, which travel as repeated entries
 * `{ key = 1; value = 2; }`. Entries keep wire order; a repeated key keeps its first position
 * and its last value.
 */
import type { WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/**
 * Reads one map entry into `map`.
 *
 * @param label - `Message.field` of the map, for error messages
 * @param readValue - reads the value message
 * @param emptyValue - the value when the entry has none
 */
export function readMapEntry<V>(
  r: WireReader,
  map: Map<string, V>,
  tag: number,
  label: string,
  readValue: (r: WireReader) => V,
  emptyValue: () => V,
): void {
  r.message(tag, label, () => {
    let key = '';
    let value: V | undefined;
    while (r.more()) {
      const entryTag = r.tag();
      switch (entryTag >>> 3) {
        case 1:
          key = r.string(entryTag, `${label}.key`);
          break;
        case 2:
          value = r.message(entryTag, `${label}.value`, readValue);
          break;
        default:
          r.skip(entryTag);
      }
    }
    map.set(key, value ?? emptyValue());
  });
}

/** Writes every entry of `map` as field `field`; key and value are always written. */
export function writeMapField<V>(
  w: WireWriter,
  field: number,
  map: ReadonlyMap<string, V>,
  writeValue: (w: WireWriter, value: V) => void,
): void {
  for (const [key, value] of map) {
    w.message(field, () => {
      w.string(1, key);
      w.message(2, () => writeValue(w, value));
    });
  }
}
