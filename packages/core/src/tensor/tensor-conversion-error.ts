import { SyftError } from '../errors.js';

/**
 * A tensor that cannot be converted between the wire messages and TensorFlow.js or typed
 * arrays: a non-portable serializer, an unsupported dtype, values that do not fit the shape.
 * The message names the tensor and what was expected.
 */
export class TensorConversionError extends SyftError {
  /**
   * @param message - which tensor, what was expected and what arrived
   * @param options - standard `ErrorOptions`
   */
  constructor(message: string, options?: ErrorOptions) {
    super('TENSOR_CONVERSION', message, options);
  }
}
