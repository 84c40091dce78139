import { beforeAll, describe, it } from 'vitest';
import { buildGrid } from './child-grid.test-helper.js';
import {
  crashRunSummary,
  expectCrashRunCorrect,
  runCrashScenario,
  type CrashRunOptions,
} from './crash-run.test-helper.js';

/** The short run of `npm test`; crash-recovery.soak.test.ts kills 20 times. */
const OPTIONS: CrashRunOptions = {
  kills: 5,
  seed: 5,
  workers: 6,
  maxDiffs: 3,
  numCycles: 60,
  budgetMs: 100_000,
};

describe('SIGKILL at random moments while workers of @syft-ts/client report (D5, D12)', () => {
  beforeAll(() => {
    buildGrid();
  }, 120_000);

  it(`completes the run after ${OPTIONS.kills} kills and loses no acknowledged report`, async () => {
    const result = await runCrashScenario(OPTIONS);
    console.log(crashRunSummary(result));

    expectCrashRunCorrect(result, OPTIONS);
  }, 150_000);
});
