import * as tf from '@tensorflow/tfjs';
// Registers the 'wasm' backend (SIMD build where the runtime supports it); it starts lazily.
import '@tensorflow/tfjs-backend-wasm';

import { BackendError } from './errors.js';

/** The TensorFlow.js backends a worker can run plans on. */
export type BackendName = 'wasm' | 'cpu' | 'webgl';

/** Every backend name `selectBackend` accepts, besides `'auto'`. */
export const BACKEND_NAMES: readonly BackendName[] = ['wasm', 'cpu', 'webgl'];

/** The environment variable that chooses the backend in Node when no argument is given. */
export const BACKEND_ENV_VAR = 'SYFT_BACKEND';

interface NodeLikeProcess {
  versions?: { node?: string };
  env?: Record<string, string | undefined>;
}

/** `process` when running in Node, read from the global object (no Node import). */
function nodeProcess(): NodeLikeProcess | undefined {
  const candidate = (globalThis as { process?: NodeLikeProcess }).process;
  return typeof candidate?.versions?.node === 'string' ? candidate : undefined;
}

/** The order `'auto'` tries backends in: Node wasm then cpu; browsers webgl, wasm, cpu. */
export function autoBackendOrder(): BackendName[] {
  return nodeProcess() === undefined ? ['webgl', 'wasm', 'cpu'] : ['wasm', 'cpu'];
}

function isBackendName(name: string): name is BackendName {
  return (BACKEND_NAMES as readonly string[]).includes(name);
}

/** Activates one backend; false if it cannot start in this runtime. */
async function activate(name: BackendName): Promise<boolean> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return false;
    await tf.ready();
    return tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Chooses and activates the TensorFlow.js backend plans run on.
 *
 * The choice comes from `preference` when given; otherwise, in Node, from the environment
 * variable `SYFT_BACKEND`; otherwise `'auto'`. `'auto'` takes the first backend that starts:
 * in Node wasm (SIMD) then cpu, in browsers webgl, wasm, then cpu. A named backend that
 * cannot start is an error, not a silent fallback.
 *
 * @param preference - `'wasm'`, `'cpu'`, `'webgl'` or `'auto'`
 * @returns the name of the active backend
 * @throws BackendError `BACKEND_UNKNOWN` for an unknown name, `BACKEND_UNAVAILABLE` if the
 *   named backend (or, for `'auto'`, every candidate) fails to start
 * @example
 * ```ts
 * const backend = await selectBackend(); // 'wasm' in Node unless SYFT_BACKEND says otherwise
 * ```
 */
export async function selectBackend(preference?: BackendName | 'auto'): Promise<BackendName> {
  const fromEnv = nodeProcess()?.env?.[BACKEND_ENV_VAR];
  const requested: string =
    preference ?? (fromEnv === undefined || fromEnv === '' ? 'auto' : fromEnv);
  const source =
    preference === undefined && requested !== 'auto' ? ` (from ${BACKEND_ENV_VAR})` : '';

  if (requested === 'auto') {
    for (const name of autoBackendOrder()) if (await activate(name)) return name;
    throw new BackendError(
      'BACKEND_UNAVAILABLE',
      `no backend could start (tried ${autoBackendOrder().join(', ')})`,
    );
  }
  if (!isBackendName(requested)) {
    const known = [...BACKEND_NAMES, 'auto'].join(', ');
    throw new BackendError(
      'BACKEND_UNKNOWN',
      `unknown backend "${requested}"${source}; expected one of ${known}`,
    );
  }
  if (!(await activate(requested))) {
    throw new BackendError(
      'BACKEND_UNAVAILABLE',
      `backend "${requested}"${source} cannot start in this runtime`,
    );
  }
  return requested;
}
