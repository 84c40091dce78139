import { SyftError } from '../errors.js';

/**
 * A TensorFlow.js backend could not be chosen: an unknown name (`BACKEND_UNKNOWN`) or a
 * known backend that failed to start here (`BACKEND_UNAVAILABLE`).
 */
export class BackendError extends SyftError {}
