import { Argument, Command, Option } from 'commander';

import { runDemoCommand } from './commands/demo-command.js';
import { runGridStart } from './commands/grid-command.js';
import { runHost } from './commands/host-command.js';
import { runWorker } from './commands/worker-command.js';
import {
  DEFAULT_DEMO_SETTINGS,
  MNIST_TEST_COUNT,
  MNIST_TRAIN_COUNT,
} from './demo/demo-settings.js';
import {
  gridAddress,
  nonEmptyText,
  positiveDecimal,
  wholeNumber,
} from './options/option-values.js';

/** Where the commands write: normally the process's stdout and stderr. */
export interface CommandStreams {
  /** Results and progress. */
  readonly out: NodeJS.WriteStream;
  /** Errors and diagnostics. */
  readonly err: NodeJS.WriteStream;
}

const port = wholeNumber(0, 65535);
const count = (max: number) => wholeNumber(1, max);

/**
 * Builds the `syft` command line (commander): `grid start`, `host`, `worker` and `demo mnist`.
 * Parse errors are thrown as commander errors (after a one-line message on `err`) instead of
 * exiting, so the caller decides the exit code.
 *
 * @param streams - where the commands write
 * @returns the program, ready for `parseAsync`
 * @example
 * await buildProgram({ out: process.stdout, err: process.stderr }).parseAsync(process.argv);
 */
export function buildProgram(streams: CommandStreams): Command {
  const program = new Command('syft')
    .description('Model-centric federated learning: run a grid, host a model, run workers, demo.')
    .version('0.1.0')
    // Root options only before the subcommand, so that `syft worker --version 1.0.0` works.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => streams.out.write(text),
      writeErr: (text) => streams.err.write(text),
      // One line per error: commander puts its "Did you mean" hint on a line of its own.
      outputError: (text, write) => write(`${text.trimEnd().replaceAll('\n', ' ')}\n`),
    })
    .showSuggestionAfterError(true);

  const grid = program.command('grid').description('Run a grid node.');
  grid
    .command('start')
    .description('Start a grid node (SQLite store in --data) until SIGINT or SIGTERM.')
    .option('--port <port>', 'TCP port (0 picks a free one)', port, 5000)
    .option(
      '--host <host>',
      'interface to listen on',
      nonEmptyText('a host name or address'),
      '127.0.0.1',
    )
    .option(
      '--data <dir>',
      'data folder (store and owner token)',
      nonEmptyText('a folder'),
      './grid-data',
    )
    .action((options: { port: number; host: string; data: string }) =>
      runGridStart({ port: options.port, host: options.host, dataDir: options.data }, streams),
    );

  program
    .command('host')
    .description('Host a federated learning process described by a module on a grid.')
    .argument('<module>', 'JavaScript module whose default export describes the process')
    .requiredOption('--grid <url>', 'grid address, e.g. http://127.0.0.1:5000', gridAddress())
    .addOption(
      new Option('--token-file <path>', "file holding the grid's owner token").conflicts('token'),
    )
    .option('--token <token>', "the grid's owner token")
    .action((module: string, options: { grid: string; tokenFile?: string; token?: string }) =>
      runHost(module, options, streams),
    );

  program
    .command('worker')
    .description('Run a worker that joins training cycles until the process completes.')
    .requiredOption('--grid <url>', 'grid address, e.g. http://127.0.0.1:5000', gridAddress())
    .requiredOption('--model <name>', 'model name', nonEmptyText('a model name'))
    .requiredOption('--version <version>', 'model version', nonEmptyText('a model version'))
    .requiredOption('--data <dir>', 'folder with IDX files or examples.json (docs/cli.md)')
    .option('--token <jwt>', 'worker authentication token, when the process requires one')
    .option('--examples <count>', 'use only the first <count> examples', count(MNIST_TRAIN_COUNT))
    .option('--max-cycles <count>', 'stop after this many cycles', count(1_000_000))
    .action(
      (options: {
        grid: string;
        model: string;
        version: string;
        data: string;
        token?: string;
        examples?: number;
        maxCycles?: number;
      }) => runWorker(options, streams),
    );

  const d = DEFAULT_DEMO_SETTINGS;
  program
    .command('demo')
    .description('Federated MNIST end to end: embedded grid, hosted 2NN, workers, report.')
    .addArgument(new Argument('<name>', 'the demo to run').choices(['mnist']))
    .option('--workers <count>', `logical workers (default ${d.workers})`, count(10000))
    .option(
      '--per-cycle <count>',
      `workers per cycle (default: all, at most ${d.perCycle})`,
      count(10000),
    )
    .option('--cycles <count>', 'training cycles', count(100000), d.cycles)
    .option('--epochs <count>', 'local epochs per cycle', count(1000), d.epochs)
    .option('--batch-size <count>', 'local batch size', count(MNIST_TRAIN_COUNT), d.batchSize)
    .option('--lr <rate>', 'local learning rate', positiveDecimal(0, 10), d.lr)
    .addOption(new Option('--iid', 'shuffle examples over workers (default)').conflicts('nonIid'))
    .option('--non-iid', 'two label shards per worker (McMahan et al. 2017)')
    .option('--seed <n>', 'seed for shards and worker choice', wholeNumber(0, 2 ** 32 - 1), d.seed)
    .option(
      '--examples-per-worker <count>',
      'training examples per worker (default: 60000 / workers)',
      count(MNIST_TRAIN_COUNT),
    )
    .option(
      '--test-examples <count>',
      'test images per evaluation',
      count(MNIST_TEST_COUNT),
      d.testExamples,
    )
    .addOption(
      new Option('--threads <count>', 'worker threads')
        .argParser(wholeNumber(0, 256))
        .default(d.threads, 'CPU cores'),
    )
    .option(
      '--target <accuracy>',
      'accuracy to report the first cycle for',
      positiveDecimal(0, 1),
      d.targetAccuracy,
    )
    .option('--stop-at-target', 'stop at the first cycle reaching --target')
    .option('--grid-data <dir>', 'embedded grid store folder (default: a temporary folder)')
    .option('--report <path>', 'HTML report path', d.reportPath)
    .option('--plain', 'plain progress lines even on a terminal')
    .action((_name: string, options: DemoCommandOptions) => runDemoCommand(options, streams));

  return program;
}

/** The options of `syft demo mnist`, as commander parses them. */
export interface DemoCommandOptions {
  workers?: number;
  perCycle?: number;
  cycles: number;
  epochs: number;
  batchSize: number;
  lr: number;
  iid?: boolean;
  nonIid?: boolean;
  seed: number;
  examplesPerWorker?: number;
  testExamples: number;
  threads: number;
  target: number;
  stopAtTarget?: boolean;
  gridData?: string;
  report: string;
  plain?: boolean;
}
