import { SyftError } from '@syft-ts/core';

/** HTTP statuses the grid answers with (D9): 500 is reserved for bugs. */
export type GridStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 500;

/**
 * A refusal the grid sends back to its caller as `{"error": message}`. `status` is the HTTP
 * status used on the HTTP transport; over WebSocket only the message travels.
 */
export class GridError extends SyftError {
  /** The HTTP status this refusal maps to. */
  readonly status: GridStatus;

  /**
   * @param code - stable machine-readable code, e.g. `GRID_WORKER_NOT_FOUND`
   * @param status - HTTP status for the HTTP transport
   * @param message - the caller-facing message (a section 7 string where one exists)
   */
  constructor(code: string, status: GridStatus, message: string) {
    super(code, message);
    this.status = status;
  }
}

/** The exact caller-facing messages of grid-protocol.md section 7. */
export const Messages = {
  authRequired: "Authentication is required, please pass an 'auth_token'.",
  authInvalid: "The 'auth_token' you sent is invalid.",
  authThirdParty: "The 'auth_token' you sent did not pass 3rd party validation.",
  invalidRequestKey: 'Invalid request key!',
  cycleNotFound: 'Cycle not found!',
  workerNotFound: 'Worker ID not found!',
  modelNotFound: 'Model ID not found!',
  planNotFound: 'Plan ID not found!',
  protocolNotFound: 'Protocol ID not found!',
  processNotFound: 'Not found any process related with this cycle and worker ID.',
  processExists: 'FL Process already exists.',
  planInvalid: 'Plan is not valid',
  planTranslationFailed: 'Failed to translate a Plan',
} as const;

/**
 * A 404 for an unknown process id on the grid's own `/api/processes/:id/...` routes (the
 * PyGrid-compatible routes keep `Messages.processNotFound`).
 */
export function processNotFound(processId: number): GridError {
  return new GridError('GRID_PROCESS_NOT_FOUND', 404, `no process ${processId}`);
}

/** A 400 naming the field that was wrong. */
export function badRequest(message: string): GridError {
  return new GridError('GRID_BAD_REQUEST', 400, message);
}
