import { describe, expect, it } from 'vitest';

import { CliUsageError } from '../errors.js';
import { DEFAULT_DEMO_SETTINGS, resolveDemoSettings } from './demo-settings.js';

describe('demo settings', () => {
  it('defaults to 10 IID workers of 6000 examples, all in every cycle', () => {
    const settings = resolveDemoSettings({});

    expect(settings).toMatchObject({ workers: 10, perCycle: 10, partitioning: 'iid' });
    expect(settings.examplesPerWorker).toBe(6000);
    expect(settings.testExamples).toBe(10000);
  });

  it('derives shard size and per-cycle count from --workers', () => {
    const settings = resolveDemoSettings({ workers: 100 });

    expect(settings.examplesPerWorker).toBe(600);
    expect(settings.perCycle).toBe(DEFAULT_DEMO_SETTINGS.perCycle);
  });

  it('takes --non-iid and ignores options given as undefined', () => {
    const settings = resolveDemoSettings({ nonIid: true, lr: undefined, cycles: 3 });

    expect(settings.partitioning).toBe('non-iid');
    expect(settings.lr).toBe(DEFAULT_DEMO_SETTINGS.lr);
    expect(settings.cycles).toBe(3);
  });

  it.each([
    [{ iid: true, nonIid: true }, '--iid and --non-iid exclude each other'],
    [{ workers: 4, perCycle: 5 }, '--per-cycle 5 is more than --workers 4'],
    [{ workers: 10, examplesPerWorker: 7000 }, '10 workers x 7000 examples is more than'],
    [{ workers: 100, batchSize: 700 }, '--batch-size 700 is more than the 600 examples'],
    [{ workers: 70000 }, 'leaves no training example per worker'],
  ])('refuses %j with a message naming the options', (input, message) => {
    expect(() => resolveDemoSettings(input)).toThrow(CliUsageError);
    expect(() => resolveDemoSettings(input)).toThrow(message);
  });
});
