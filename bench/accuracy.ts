/**
 * Section 5, time to accuracy (optional, `--with-accuracy`): runs the CLI's MNIST demo
 * (`runDemo` of @syft-ts/cli: the 2NN of McMahan et al. 2017, 10 IID workers of 6,000
 * examples, FedAvg, an embedded grid, worker threads) with its default settings, stopping at
 * the first cycle whose checkpoint reaches 97% test accuracy, and reports that cycle and the
 * wall time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlainProgressView, resolveDemoSettings, runDemo } from '@syft-ts/cli';
import type { SectionResult } from './report.js';

const TITLE = '5. Time to accuracy (2NN, IID, 97% MNIST test accuracy)';
const TARGET_ACCURACY = 0.97;
const MAX_CYCLES = 40;

/** The section's entry when `--with-accuracy` was not given. */
export function skippedAccuracy(): SectionResult {
  return {
    title: TITLE,
    method: 'Skipped: it takes minutes. Run `npm run bench -- --with-accuracy` to include it.',
    rows: [],
    notes: [],
  };
}

/** Runs section 5. */
export async function benchAccuracy(): Promise<SectionResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'syft-bench-demo-'));
  try {
    const settings = resolveDemoSettings({
      cycles: MAX_CYCLES,
      targetAccuracy: TARGET_ACCURACY,
      stopAtTarget: true,
      reportPath: join(reportDir, 'report.html'),
      plain: true,
    });
    const { run } = await runDemo(settings, new PlainProgressView(process.stderr));
    const reached = run.target.reachedAtCycle;
    const atTarget = run.cycles.find((c) => c.cycle === reached);
    const last = run.cycles.at(-1);
    const percent = (x: number | undefined): string =>
      x === undefined ? '?' : `${(x * 100).toFixed(2)}%`;
    return {
      title: TITLE,
      method:
        "`runDemo` of @syft-ts/cli with the demo's defaults, `stopAtTarget` at 97% and at most " +
        `${MAX_CYCLES} cycles: ${settings.workers} workers (${settings.partitioning}, ` +
        `${settings.examplesPerWorker} examples each), ${settings.perCycle} per cycle, ` +
        `${settings.epochs} local epoch, batch ${settings.batchSize}, lr ${settings.lr}, ` +
        `${settings.threads} worker thread(s).`,
      rows: [
        {
          what: 'cycles to 97% test accuracy',
          value: reached === null ? `not reached in ${run.cycles.length}` : String(reached),
          ratio: '',
          target: '',
          pass: null,
        },
        {
          what: 'wall time of the run',
          value: `${run.wallSeconds.toFixed(0)} s`,
          ratio: '',
          target: '',
          pass: null,
        },
        {
          what: 'test accuracy at that cycle (last cycle)',
          value: `${percent(atTarget?.accuracy)} (${percent(last?.accuracy)})`,
          ratio: '',
          target: '',
          pass: null,
        },
      ],
      notes: [],
    };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
