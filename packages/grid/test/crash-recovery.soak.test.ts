import { beforeAll, describe, it } from 'vitest';
import { buildGrid } from './child-grid.test-helper.js';
import {
  crashRunSummary,
  expectCrashRunCorrect,
  runCrashScenario,
  type CrashRunOptions,
} from './crash-run.test-helper.js';

/** The long run of `npm run soak`: 20 kills (crash-recovery.test.ts kills 5 in `npm test`). */
const OPTIONS: CrashRunOptions = {
  kills: Number(process.env.SOAK_KILLS ?? 20),
  seed: 20,
  workers: 8,
  maxDiffs: 3,
  numCycles: 250,
  budgetMs: 400_000,
};

describe('SIGKILL at 20 random moments while workers of @syft-ts/client report (soak)', () => {
  beforeAll(() => {
    buildGrid();
  }, 120_000);

  it(`completes the run after ${OPTIONS.kills} kills and loses no acknowledged report`, async () => {
    const result = await runCrashScenario(OPTIONS);
    console.log(crashRunSummary(result));

    expectCrashRunCorrect(result, OPTIONS);
  }, 500_000);
});
