/**
 * @syft-ts/cli: the `syft` command line (grid, host, worker, the federated MNIST demo) and the
 * pieces it is built from, for programs that want them without the command line.
 * @packageDocumentation
 */
export { buildProgram, type CommandStreams, type DemoCommandOptions } from './program.js';
export { exitCodeFor, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-code.js';
export { CliUsageError, DatasetError, RunError } from './errors.js';
export { runDemo, type DemoResult } from './demo/run-demo.js';
export {
  DEFAULT_DEMO_SETTINGS,
  resolveDemoSettings,
  type DemoSettings,
  type DemoSettingsInput,
} from './demo/demo-settings.js';
export {
  createProgressView,
  formatCycleLine,
  PlainProgressView,
  TerminalProgressView,
  type ProgressView,
  type TestScores,
} from './demo/progress-view.js';
export { WorkerPool } from './demo/worker-pool.js';
export { buildMnistProcess, type MnistProcess } from './demo/mnist-process.js';
export { parseIdx, readIdxFile, type IdxArray } from './mnist/idx-file.js';
export {
  readLabelledImages,
  selectExamples,
  type LabelledImages,
} from './mnist/labelled-images.js';
export { mnistDataFolder, readMnist, type MnistSplit } from './mnist/mnist-dataset.js';
export { partitionByLabel, partitionIid, type Partitioning } from './mnist/partition.js';
export { seededRandom, shuffleInPlace, type RandomSource } from './mnist/seeded-random.js';
export { renderRunReport, writeRunReport } from './report/html-report.js';
export { firstCycleReaching, type CycleRecord, type RunRecord } from './report/run-record.js';
export {
  FederatedWorker,
  type CycleOutcome,
  type FederatedWorkerOptions,
} from './worker/federated-worker.js';
export { readWorkerData } from './worker/worker-data.js';
