import { describe, expect, it } from 'vitest';
import { PageSettingError } from '../../errors.js';
import { readWorkerSettings, trainingKey } from './worker-settings.js';

describe('readWorkerSettings', () => {
  it('reads the process from the query string and fills in defaults', () => {
    const settings = readWorkerSettings('?model=mnist&version=1.0.0');

    expect(settings).toEqual({
      modelName: 'mnist',
      modelVersion: '1.0.0',
      planName: 'training_plan',
      backend: 'auto',
      offset: 0,
      count: 1000,
    });
  });

  it('takes backend, plan and slice when given', () => {
    const settings = readWorkerSettings(
      '?model=m&version=2&backend=wasm&plan=p&offset=500&count=64',
    );

    expect(settings).toMatchObject({ backend: 'wasm', planName: 'p', offset: 500, count: 64 });
  });

  it.each([
    ['?version=1', "'?model='"],
    ['?model=m', "'?version='"],
    ['?model=m&version=1&backend=tpu', "'backend' must be one of auto, webgl, wasm, cpu"],
    ['?model=m&version=1&count=0', "'count' must be an integer >= 1, got '0'"],
    ['?model=m&version=1&offset=-3', "'offset' must be an integer >= 0"],
    ['?model=m&version=1&count=2.5', "'count' must be an integer"],
    ['?model=m&version=1&offset=59990&count=20', "'offset' + 'count' must be <= 60000"],
  ])('refuses %s naming the parameter', (search, expected) => {
    const read = (): unknown => readWorkerSettings(search);

    expect(read).toThrow(PageSettingError);
    expect(read).toThrow(expected);
  });

  it('keys saved trainings by process and slice', () => {
    const a = trainingKey(readWorkerSettings('?model=m&version=1&offset=0&count=10'));
    const b = trainingKey(readWorkerSettings('?model=m&version=1&offset=10&count=10'));

    expect(a).toBe('m@1#0+10');
    expect(b).not.toBe(a);
  });
});
