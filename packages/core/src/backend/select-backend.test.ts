import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { BackendError } from './errors.js';
import { BACKEND_ENV_VAR, autoBackendOrder, selectBackend } from './select-backend.js';

describe('selectBackend in Node', () => {
  beforeEach(() => {
    delete process.env[BACKEND_ENV_VAR];
  });

  afterEach(() => {
    delete process.env[BACKEND_ENV_VAR];
  });

  it('chooses wasm by default', async () => {
    const chosen = await selectBackend();

    expect(chosen).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('tries wasm then cpu for auto', () => {
    expect(autoBackendOrder()).toEqual(['wasm', 'cpu']);
  });

  it('honours an explicit cpu', async () => {
    const chosen = await selectBackend('cpu');

    expect(chosen).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('reads SYFT_BACKEND when no argument is given', async () => {
    process.env[BACKEND_ENV_VAR] = 'cpu';

    const chosen = await selectBackend();

    expect(chosen).toBe('cpu');
  });

  it('lets the argument win over SYFT_BACKEND', async () => {
    process.env[BACKEND_ENV_VAR] = 'cpu';

    const chosen = await selectBackend('wasm');

    expect(chosen).toBe('wasm');
  });

  it('rejects an unknown name with a typed error', async () => {
    const attempt = selectBackend('tpu' as 'cpu');

    await expect(attempt).rejects.toBeInstanceOf(BackendError);
    await expect(attempt).rejects.toMatchObject({ code: 'BACKEND_UNKNOWN' });
  });

  it('names the environment variable when its value is unknown', async () => {
    process.env[BACKEND_ENV_VAR] = 'gpu';

    await expect(selectBackend()).rejects.toThrow(/unknown backend "gpu" \(from SYFT_BACKEND\)/);
  });

  it('reports webgl as unavailable in Node instead of falling back', async () => {
    await expect(selectBackend('webgl')).rejects.toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });
});
