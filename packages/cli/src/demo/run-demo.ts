import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { hostTraining } from '@syft-ts/client';
import { startGrid } from '@syft-ts/grid';
import { pino } from 'pino';

import { RunError } from '../errors.js';
import { type LabelledImages, selectExamples } from '../mnist/labelled-images.js';
import { readMnist } from '../mnist/mnist-dataset.js';
import { partitionByLabel, partitionIid } from '../mnist/partition.js';
import { type RandomSource, seededRandom, shuffleInPlace } from '../mnist/seeded-random.js';
import { writeRunReport } from '../report/html-report.js';
import { type CycleRecord, type RunRecord, firstCycleReaching } from '../report/run-record.js';
import type { CycleOutcome } from '../worker/federated-worker.js';
import { useFastBackend } from './backend.js';
import { type CheckpointAddress, awaitCheckpoint } from './checkpoint-source.js';
import { findProcessId, recordCheckpointScores } from './evaluation-record.js';
import type { DemoSettings } from './demo-settings.js';
import { MNIST_PROCESS_NAME, MNIST_PROCESS_VERSION, buildMnistProcess } from './mnist-process.js';
import type { ProgressView } from './progress-view.js';
import { TestEvaluator } from './test-evaluation.js';
import { WorkerPool } from './worker-pool.js';
import type { LogicalWorkerSpec } from './worker-messages.js';

/** The outcome of a demo run. */
export interface DemoResult {
  /** Everything measured, as written to the report. */
  readonly run: RunRecord;
  /** Absolute path of the HTML report. */
  readonly reportPath: string;
}

/** How often a worker may retry joining one cycle before the run gives up. */
const MAX_JOIN_ATTEMPTS = 5;
/** Seconds a cycle may last on the grid before its deadline (it normally closes on max_diffs). */
const CYCLE_LENGTH_SECONDS = 3600;

/**
 * Runs federated MNIST end to end: starts an embedded grid on a free 127.0.0.1 port, hosts the
 * 2NN `mnist` 1.0.0 process, runs the workers in a pool of threads, evaluates every new
 * checkpoint on the test set, and writes the HTML report. `syft demo mnist` calls this.
 *
 * @param settings - the run's settings (see {@link resolveDemoSettings})
 * @param view - where progress goes
 * @returns the measurements and the report's path
 * @throws {@link RunError} when the grid, a thread or a worker fails beyond retries
 * @example
 * const { run } = await runDemo(resolveDemoSettings({ workers: 2, cycles: 2 }), view);
 */
export async function runDemo(settings: DemoSettings, view: ProgressView): Promise<DemoResult> {
  const startedAt = new Date();
  const random = seededRandom(settings.seed);
  await useFastBackend();

  const { specs, test } = await prepareData(settings, random);
  const mnist = buildMnistProcess(settings.batchSize, test.count, settings.seed);
  const dataDir = settings.gridDataDir ?? (await mkdtemp(join(tmpdir(), 'syft-demo-grid-')));
  const grid = await startGrid({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logger: pino({ level: 'silent' }),
  });
  view.note(
    `grid: ${grid.url} (store in ${dataDir}${settings.gridDataDir === null ? ', removed at the end' : ''})`,
  );

  let evaluator: TestEvaluator | null = null;
  let pool: WorkerPool | null = null;
  try {
    evaluator = new TestEvaluator(mnist.evaluationPlan, test);
    await hostTraining(grid.url, grid.ownerToken, {
      name: MNIST_PROCESS_NAME,
      version: MNIST_PROCESS_VERSION,
      model: mnist.initialModel,
      plans: { training_plan: mnist.trainingPlan },
      clientConfig: { lr: settings.lr, batch_size: settings.batchSize, epochs: settings.epochs },
      serverConfig: serverConfigFor(settings),
      verbose: true,
    });

    const address: CheckpointAddress = {
      gridUrl: grid.url,
      ownerToken: grid.ownerToken,
      name: MNIST_PROCESS_NAME,
      version: MNIST_PROCESS_VERSION,
    };
    const initial = await evaluator.evaluate(await awaitCheckpoint(address, 1));
    // The grid's dashboard plots the scores recorded here, checkpoint by checkpoint.
    const processId = await findProcessId(address);
    const examples = test.count;
    await recordCheckpointScores(address, processId, 1, { ...initial, examples });
    pool = await WorkerPool.start(
      settings.threads,
      { gridUrl: grid.url, modelName: MNIST_PROCESS_NAME, modelVersion: MNIST_PROCESS_VERSION },
      specs,
    );
    view.begin(settings.cycles, settings.perCycle, initial);

    const cycles: CycleRecord[] = [];
    for (let cycle = 1; cycle <= settings.cycles; cycle++) {
      const cycleStart = performance.now();
      const chosen = chooseWorkers(settings.workers, settings.perCycle, random);
      const moved = await runOneCycle(pool, cycle, chosen, view);
      const checkpoint = await awaitCheckpoint(address, cycle + 1);
      const cycleSeconds = (performance.now() - cycleStart) / 1000;

      const scores = await evaluator.evaluate(checkpoint);
      await recordCheckpointScores(address, processId, cycle + 1, { ...scores, examples });
      const record = { cycle, ...scores, workers: chosen.length, bytesMoved: moved, cycleSeconds };
      cycles.push(record);
      view.cycleDone(record);
      if (settings.stopAtTarget && scores.accuracy >= settings.targetAccuracy) break;
    }

    const run: RunRecord = {
      title: 'Federated MNIST (FedAvg, 2NN)',
      startedAt: startedAt.toISOString(),
      settings: describeSettings(settings),
      initial,
      cycles,
      wallSeconds: (Date.now() - startedAt.getTime()) / 1000,
      target: {
        accuracy: settings.targetAccuracy,
        reachedAtCycle: firstCycleReaching(cycles, settings.targetAccuracy),
      },
    };
    const reportPath = await writeRunReport(settings.reportPath, run);
    return { run, reportPath };
  } finally {
    view.end();
    mnist.initialModel.dispose();
    evaluator?.dispose();
    await pool?.close();
    await grid.close();
    // A temporary store is removed; one given with --grid-data is kept for inspection.
    if (settings.gridDataDir === null) await rm(dataDir, { recursive: true, force: true });
  }
}

/** Reads MNIST, splits the training set over the workers and takes the test images. */
async function prepareData(
  settings: DemoSettings,
  random: RandomSource,
): Promise<{ specs: LogicalWorkerSpec[]; test: LabelledImages }> {
  const [train, fullTest] = await Promise.all([readMnist('train'), readMnist('t10k')]);
  const shards =
    settings.partitioning === 'iid'
      ? partitionIid(train.count, settings.workers, random, settings.examplesPerWorker)
      : partitionByLabel(train.labels, settings.workers, random, settings.examplesPerWorker);
  const specs = shards.map((indices, workerIndex) => ({
    workerIndex,
    examples: selectExamples(train, indices),
    seed: settings.seed * 100_003 + workerIndex,
  }));
  const test = selectExamples(fullTest, [...Array(settings.testExamples).keys()]);
  return { specs, test };
}

/**
 * The process's `server_config`: a cycle takes `--per-cycle` workers and closes as soon as all
 * of them have reported (`min_diffs` = `max_diffs`, so the long deadline only matters if a
 * worker never reports).
 */
function serverConfigFor(settings: DemoSettings): Record<string, unknown> {
  return {
    cycle_length: CYCLE_LENGTH_SECONDS,
    num_cycles: settings.cycles,
    max_diffs: settings.perCycle,
    min_diffs: settings.perCycle,
    max_workers: settings.perCycle,
    pool_selection: 'iterate',
  };
}

/** Picks `count` distinct workers at random (the fraction C of FedAvg). */
function chooseWorkers(workers: number, count: number, random: RandomSource): number[] {
  const all = shuffleInPlace(
    Array.from({ length: workers }, (_, i) => i),
    random,
  );
  return all.slice(0, count).sort((a, b) => a - b);
}

/**
 * Has the chosen workers join the cycle until each has reported, retrying a worker that was
 * turned away or failed (for example a request that raced the previous cycle's close).
 *
 * @returns bytes moved by the cycle's reports (downloads plus uploads)
 */
async function runOneCycle(
  pool: WorkerPool,
  cycle: number,
  chosen: readonly number[],
  view: ProgressView,
): Promise<number> {
  let pending = [...chosen];
  let reported = 0;
  let bytesMoved = 0;
  let lastProblem = '';

  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_JOIN_ATTEMPTS) {
      throw new RunError(
        `cycle ${cycle}: workers ${pending.join(', ')} could not report after ` +
          `${MAX_JOIN_ATTEMPTS} attempts (last: ${lastProblem})`,
      );
    }
    const retry: number[] = [];
    let waitSeconds = 0;
    let processComplete = false;
    await pool.runCycle(cycle, pending, (worker, outcome: CycleOutcome) => {
      if (outcome.status === 'reported') {
        reported++;
        bytesMoved += outcome.bytesDown + outcome.bytesUp;
        view.workerReported(cycle, reported);
        return;
      }
      if (outcome.status === 'rejected' && outcome.retryAfterSeconds === null) {
        processComplete = true;
        lastProblem = `worker ${worker} was told the process is complete`;
      } else if (outcome.status === 'rejected') {
        lastProblem = `worker ${worker} rejected: ${outcome.reason}`;
        waitSeconds = Math.max(waitSeconds, Math.min(outcome.retryAfterSeconds ?? 0, 1));
      } else {
        lastProblem = `worker ${worker} failed: ${outcome.message}`;
      }
      retry.push(worker);
    });
    if (processComplete) throw new RunError(`cycle ${cycle}: ${lastProblem}`);
    pending = retry;
    if (pending.length > 0)
      await new Promise((resolve) => setTimeout(resolve, 200 + waitSeconds * 1000));
  }
  return bytesMoved;
}

/** The settings as shown in the report. */
function describeSettings(settings: DemoSettings): Record<string, string | number | boolean> {
  return {
    model: '2NN 784-200-200-10 (ReLU), plain SGD',
    workers: settings.workers,
    'workers per cycle': settings.perCycle,
    cycles: settings.cycles,
    'local epochs': settings.epochs,
    'batch size': settings.batchSize,
    'learning rate': settings.lr,
    partitioning: settings.partitioning,
    'examples per worker': settings.examplesPerWorker,
    'test images': settings.testExamples,
    seed: settings.seed,
    threads: settings.threads,
    'stop at target': settings.stopAtTarget,
  };
}
