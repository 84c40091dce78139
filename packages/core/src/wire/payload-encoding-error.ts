import { SyftError } from '../errors.js';

/**
 * Text that is not strict base64 or hex (a report `diff`, a host-training payload). The
 * message names the encoding, the offending position and character.
 */
export class PayloadEncodingError extends SyftError {
  /**
   * @param message - what was wrong and where
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('PAYLOAD_ENCODING', message, options);
  }
}
