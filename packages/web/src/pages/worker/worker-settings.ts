import { PageSettingError } from '../../errors.js';

/** The backends the page can ask for: a named one, or `auto` (webgl, then wasm, then cpu). */
export type BackendChoice = 'auto' | 'webgl' | 'wasm' | 'cpu';

/** What the worker page trains on and for which process, read from its query string. */
export interface WorkerPageSettings {
  /** FL process name (`?model=`). */
  modelName: string;
  /** FL process version (`?version=`). */
  modelVersion: string;
  /** The hosted training plan's name (`?plan=`, default `training_plan`). */
  planName: string;
  /** TensorFlow.js backend (`?backend=`, default `auto`). */
  backend: BackendChoice;
  /** First MNIST training example of this worker's slice (`?offset=`, default 0). */
  offset: number;
  /** Number of examples in the slice (`?count=`, default 1000). */
  count: number;
}

const BACKENDS: readonly BackendChoice[] = ['auto', 'webgl', 'wasm', 'cpu'];

/** The MNIST training set's size: a slice must lie inside it. */
export const MNIST_TRAIN_SIZE = 60_000;

function integer(query: URLSearchParams, name: string, fallback: number, min: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new PageSettingError(`'${name}' must be an integer >= ${min}, got '${raw}'`);
  }
  return value;
}

function required(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value.trim() === '') {
    throw new PageSettingError(
      `the page needs '?${name}=' in its address, e.g. /worker?model=mnist&version=1.0.0`,
    );
  }
  return value.trim();
}

/**
 * Reads the worker page's settings from its query string.
 *
 * @example
 * ```ts
 * readWorkerSettings('?model=mnist&version=1.0.0&count=500'); // backend 'auto', offset 0
 * ```
 * @param search - `location.search`
 * @returns the settings, with defaults for what is absent
 * @throws PageSettingError naming the missing or malformed parameter
 */
export function readWorkerSettings(search: string): WorkerPageSettings {
  const query = new URLSearchParams(search);
  const backend = (query.get('backend') ?? 'auto') as BackendChoice;
  if (!BACKENDS.includes(backend)) {
    throw new PageSettingError(`'backend' must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
  }
  const offset = integer(query, 'offset', 0, 0);
  const count = integer(query, 'count', 1000, 1);
  if (offset + count > MNIST_TRAIN_SIZE) {
    throw new PageSettingError(
      `'offset' + 'count' must be <= ${MNIST_TRAIN_SIZE}, got ${offset} + ${count}`,
    );
  }
  return {
    modelName: required(query, 'model'),
    modelVersion: required(query, 'version'),
    planName: query.get('plan') ?? 'training_plan',
    backend,
    offset,
    count,
  };
}

/** The key a saved checkpoint is stored under: one per process and slice. */
export function trainingKey(settings: WorkerPageSettings): string {
  return `${settings.modelName}@${settings.modelVersion}#${settings.offset}+${settings.count}`;
}
