import { resolveDemoSettings } from '../demo/demo-settings.js';
import { createProgressView } from '../demo/progress-view.js';
import { runDemo } from '../demo/run-demo.js';
import { checkWritableFile } from '../options/writable-path.js';
import type { CommandStreams, DemoCommandOptions } from '../program.js';

/**
 * `syft demo mnist`: checks the options, runs the demo and prints the summary.
 *
 * @param options - the parsed command-line options
 * @param streams - where to write
 * @throws CliUsageError when options do not fit together or the report path cannot be written
 */
export async function runDemoCommand(
  options: DemoCommandOptions,
  streams: CommandStreams,
): Promise<void> {
  const settings = resolveDemoSettings({
    workers: options.workers,
    perCycle: options.perCycle,
    cycles: options.cycles,
    epochs: options.epochs,
    batchSize: options.batchSize,
    lr: options.lr,
    iid: options.iid,
    nonIid: options.nonIid,
    seed: options.seed,
    examplesPerWorker: options.examplesPerWorker,
    testExamples: options.testExamples,
    threads: options.threads,
    targetAccuracy: options.target,
    stopAtTarget: options.stopAtTarget === true,
    gridDataDir: options.gridData ?? null,
    reportPath: options.report,
    plain: options.plain === true,
  });
  // A report path that cannot be written is found now, not after all the training.
  await checkWritableFile('--report', settings.reportPath);

  const out = streams.out;
  out.write(
    `Federated MNIST: ${settings.workers} workers (${settings.partitioning}, ` +
      `${settings.examplesPerWorker} examples each), ${settings.perCycle} per cycle, ` +
      `${settings.cycles} cycles, ${settings.epochs} local epoch(s), batch ${settings.batchSize}, ` +
      `lr ${settings.lr}, ${settings.threads} thread(s)\n`,
  );
  const view = createProgressView(out, settings.plain);
  // Ctrl+C: give the terminal back (cli-progress hides the cursor) before exiting.
  const interrupt = (): void => {
    view.end();
    streams.err.write('interrupted\n');
    process.exit(130);
  };
  process.once('SIGINT', interrupt);
  let result: Awaited<ReturnType<typeof runDemo>>;
  try {
    result = await runDemo(settings, view);
  } finally {
    process.off('SIGINT', interrupt);
  }
  const { run, reportPath } = result;

  const last = run.cycles.at(-1);
  const best = Math.max(...run.cycles.map((c) => c.accuracy));
  const reached = run.target.reachedAtCycle;
  const megabytes = run.cycles.reduce((sum, c) => sum + c.bytesMoved, 0) / 1e6;
  out.write(
    [
      '',
      `Summary: ${run.cycles.length} cycles in ${run.wallSeconds.toFixed(1)} s, ` +
        `${megabytes.toFixed(0)} MB moved`,
      `  final test accuracy ${((last?.accuracy ?? 0) * 100).toFixed(2)}% ` +
        `(best ${(best * 100).toFixed(2)}%), loss ${(last?.loss ?? 0).toFixed(4)}`,
      reached === null
        ? `  target ${(settings.targetAccuracy * 100).toFixed(2)}% not reached`
        : `  target ${(settings.targetAccuracy * 100).toFixed(2)}% first reached at cycle ${reached}`,
      `Report: ${reportPath}`,
      '',
    ].join('\n'),
  );
}
