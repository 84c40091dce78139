import { SyftError } from '../errors.js';

/**
 * Bytes that are not a valid syft-proto message of the expected type, or an in-memory message
 * that cannot be encoded. The message starts with the fully-qualified protobuf type name, for
 * example `syft_proto.execution.v1.State: ...`, then says what was wrong and where.
 */
export class WireFormatError extends SyftError {
  /**
   * @param message - what was wrong, prefixed with the protobuf type name
   * @param options - standard `ErrorOptions` (for example a `cause`)
   */
  constructor(message: string, options?: ErrorOptions) {
    super('WIRE_FORMAT', message, options);
  }
}
