/**
 * Choice of the TensorFlow.js backend plans run on.
 * @packageDocumentation
 */
export { BackendError } from './errors.js';
export {
  BACKEND_ENV_VAR,
  BACKEND_NAMES,
  autoBackendOrder,
  selectBackend,
} from './select-backend.js';
export type { BackendName } from './select-backend.js';
