import { availableParallelism } from 'node:os';

import { CliUsageError } from '../errors.js';
import type { Partitioning } from '../mnist/partition.js';

/** Size of the MNIST training set, the pool the workers' shards come from. */
export const MNIST_TRAIN_COUNT = 60000;
/** Size of the MNIST test set, on which each checkpoint is evaluated. */
export const MNIST_TEST_COUNT = 10000;

/** Everything that defines a federated MNIST demo run. */
export interface DemoSettings {
  /** Number of logical workers, each with its own shard and WebSocket connection. */
  readonly workers: number;
  /** Workers per cycle: the grid's `max_diffs` and `max_workers`. */
  readonly perCycle: number;
  /** Number of cycles: the grid's `num_cycles`. */
  readonly cycles: number;
  /** Local epochs over its shard per worker per cycle. */
  readonly epochs: number;
  /** Local mini-batch size. */
  readonly batchSize: number;
  /** Local SGD learning rate. */
  readonly lr: number;
  /** How the training set is split over the workers. */
  readonly partitioning: Partitioning;
  /** Seed for the partition and the choice of workers per cycle. */
  readonly seed: number;
  /** Training examples per worker; defaults to an equal share of the 60,000. */
  readonly examplesPerWorker: number;
  /** Test images used to evaluate each checkpoint (10,000 = the whole test set). */
  readonly testExamples: number;
  /** Worker threads that run the logical workers; 0 runs them on the main thread. */
  readonly threads: number;
  /** Test accuracy the summary reports the first cycle for. */
  readonly targetAccuracy: number;
  /** Stop after the first cycle that reaches `targetAccuracy`. */
  readonly stopAtTarget: boolean;
  /** Folder of the embedded grid's SQLite store; null uses a fresh temporary folder. */
  readonly gridDataDir: string | null;
  /** Where the HTML report is written. */
  readonly reportPath: string;
  /** Plain progress lines even on a terminal. */
  readonly plain: boolean;
}

/**
 * Defaults of `syft demo mnist` (and `npm run demo`): FedAvg on the 2NN with 10 IID workers of
 * 6,000 examples, all in every cycle. Measured results are in docs/demo.md.
 */
export const DEFAULT_DEMO_SETTINGS: DemoSettings = {
  workers: 10,
  perCycle: 10,
  cycles: 10,
  epochs: 1,
  batchSize: 20,
  lr: 0.2,
  partitioning: 'iid',
  seed: 1,
  examplesPerWorker: MNIST_TRAIN_COUNT / 10,
  testExamples: MNIST_TEST_COUNT,
  threads: availableParallelism(),
  targetAccuracy: 0.97,
  stopAtTarget: false,
  gridDataDir: null,
  reportPath: '.artifacts/demo/mnist-report.html',
  plain: false,
};

/** Demo settings as given on the command line or by a caller; anything absent takes a default. */
export interface DemoSettingsInput extends Partial<DemoSettings> {
  /** `--iid` was given. */
  readonly iid?: boolean;
  /** `--non-iid` was given. */
  readonly nonIid?: boolean;
}

/**
 * Fills in defaults and checks the settings against each other.
 *
 * @param input - the settings given
 * @returns complete, consistent settings
 * @throws {@link CliUsageError} naming the options that do not fit together
 */
export function resolveDemoSettings(input: DemoSettingsInput): DemoSettings {
  if (input.iid === true && input.nonIid === true) {
    throw new CliUsageError('--iid and --non-iid exclude each other; give one of them.');
  }
  const { iid: _iid, nonIid, ...given } = input;
  const defined = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  ) as Partial<DemoSettings>;

  const workers = defined.workers ?? DEFAULT_DEMO_SETTINGS.workers;
  const settings: DemoSettings = {
    ...DEFAULT_DEMO_SETTINGS,
    perCycle: Math.min(workers, DEFAULT_DEMO_SETTINGS.perCycle),
    examplesPerWorker: Math.floor(MNIST_TRAIN_COUNT / workers),
    partitioning: nonIid === true ? 'non-iid' : 'iid',
    ...defined,
  };

  if (settings.perCycle > settings.workers) {
    throw new CliUsageError(
      `--per-cycle ${settings.perCycle} is more than --workers ${settings.workers}.`,
    );
  }
  if (settings.workers * settings.examplesPerWorker > MNIST_TRAIN_COUNT) {
    throw new CliUsageError(
      `${settings.workers} workers x ${settings.examplesPerWorker} examples is more than the ` +
        `${MNIST_TRAIN_COUNT} MNIST training images.`,
    );
  }
  if (settings.examplesPerWorker < 1) {
    throw new CliUsageError(`--workers ${settings.workers} leaves no training example per worker.`);
  }
  if (settings.batchSize > settings.examplesPerWorker) {
    throw new CliUsageError(
      `--batch-size ${settings.batchSize} is more than the ${settings.examplesPerWorker} ` +
        'examples each worker holds.',
    );
  }
  if (settings.testExamples < 1 || settings.testExamples > MNIST_TEST_COUNT) {
    throw new CliUsageError(
      `test examples must be 1 to ${MNIST_TEST_COUNT}, got ${settings.testExamples}.`,
    );
  }
  return settings;
}
