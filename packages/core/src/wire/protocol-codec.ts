/** Codec for `execution.v1.Protocol` (v0.4.9 layout) and the public protocol functions. */
import { readId } from './id-codec.js';
import { readMapEntry, writeMapField } from './map-codec.js';
import type { Protocol, Role } from './messages.js';
import { emptyRole, readRole, writeRole } from './role-codec.js';
import { writeOptionalId } from './torch-codec.js';
import { type WireReader, decodeMessage } from './wire-reader.js';
import { type WireWriter, encodeMessage } from './wire-writer.js';

const PROTOCOL = 'syft_proto.execution.v1.Protocol';

function readProtocol(r: WireReader): Protocol {
  const protocol: Protocol = {
    name: '',
    roles: new Map<string, Role>(),
    tags: [],
    description: '',
  };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        protocol.id = r.message(tag, 'Protocol.id', readId);
        break;
      case 2:
        protocol.name = r.string(tag, 'Protocol.name');
        break;
      case 3:
        readMapEntry(r, protocol.roles, tag, 'Protocol.roles', readRole, emptyRole);
        break;
      case 4:
        protocol.tags.push(r.string(tag, 'Protocol.tags'));
        break;
      case 5:
        protocol.description = r.string(tag, 'Protocol.description');
        break;
      default:
        r.skip(tag);
    }
  }
  return protocol;
}

function writeProtocol(w: WireWriter, protocol: Protocol): void {
  writeOptionalId(w, 1, protocol.id);
  if (protocol.name !== '') w.string(2, protocol.name);
  writeMapField(w, 3, protocol.roles, writeRole);
  for (const tag of protocol.tags) w.string(4, tag);
  if (protocol.description !== '') w.string(5, protocol.description);
}

/**
 * Decodes a `syft_proto.execution.v1.Protocol` in the v0.4.9 layout. Model-centric FL does
 * not use protocols; older (pre-v0.4.9) protocol bytes decode without error but their fields
 * land in the wrong places (see docs/wire-format.md).
 *
 * @param bytes - the encoded message
 * @throws WireFormatError when the bytes are not a valid Protocol
 */
export function decodeProtocol(bytes: Uint8Array): Protocol {
  return decodeMessage(bytes, PROTOCOL, readProtocol);
}

/**
 * Encodes a `syft_proto.execution.v1.Protocol` in the v0.4.9 layout.
 *
 * @param protocol - the protocol to encode
 * @returns the protobuf bytes
 * @throws WireFormatError when a part of the protocol cannot be encoded
 */
export function encodeProtocol(protocol: Protocol): Uint8Array {
  return encodeMessage(PROTOCOL, (w) => writeProtocol(w, protocol));
}
