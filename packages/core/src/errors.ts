/**
 * The root of every typed error this project throws. `code` is stable and safe to match on;
 * the message names what was expected and what arrived, and never contains secrets.
 */
export class SyftError extends Error {
  /** A stable, machine-readable error code such as `WIRE_FORMAT` or `PLAN_INPUT_SHAPE`. */
  readonly code: string;

  /**
   * @param code - stable machine-readable code
   * @param message - human-readable message naming the expected and the actual value
   * @param options - standard `ErrorOptions` (for example a `cause`)
   */
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
