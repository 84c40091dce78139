import { useFastBackend } from '../demo/backend.js';
import { RunError } from '../errors.js';
import { selectExamples } from '../mnist/labelled-images.js';
import { seededRandom } from '../mnist/seeded-random.js';
import type { CommandStreams } from '../program.js';
import { FederatedWorker } from '../worker/federated-worker.js';
import { readWorkerData } from '../worker/worker-data.js';

/** Options of `syft worker`. */
export interface WorkerCommandOptions {
  readonly grid: string;
  readonly model: string;
  readonly version: string;
  readonly data: string;
  readonly token?: string | undefined;
  readonly examples?: number | undefined;
  readonly maxCycles?: number | undefined;
}

/** Longest wait between two cycle requests, whatever timeout the grid suggests. */
const MAX_WAIT_SECONDS = 5;
/** Consecutive failed cycles after which the worker gives up. */
const MAX_CONSECUTIVE_FAILURES = 3;

/**
 * `syft worker`: joins cycles of a process with local data until the process completes (the
 * grid rejects without a timeout), `--max-cycles` is reached, or it fails three times in a row.
 *
 * @param options - grid, process, data and limits
 * @param streams - where to write
 * @throws {@link RunError} after repeated failures; DatasetError for bad data
 */
export async function runWorker(
  options: WorkerCommandOptions,
  streams: CommandStreams,
): Promise<void> {
  const all = await readWorkerData(options.data);
  const count = Math.min(options.examples ?? all.count, all.count);
  const examples = count === all.count ? all : selectExamples(all, [...Array(count).keys()]);
  const backend = await useFastBackend();
  streams.out.write(
    `worker: ${examples.count} examples, backend ${backend}, grid ${options.grid}\n`,
  );

  const worker = new FederatedWorker({
    gridUrl: options.grid,
    modelName: options.model,
    modelVersion: options.version,
    authToken: options.token,
    examples,
    random: seededRandom(Date.now() >>> 0),
  });
  let cycles = 0;
  let failures = 0;
  try {
    while (options.maxCycles === undefined || cycles < options.maxCycles) {
      const outcome = await worker.joinCycle();
      if (outcome.status === 'reported') {
        cycles++;
        failures = 0;
        const loss = outcome.lastLoss === null ? 'n/a' : outcome.lastLoss.toFixed(4);
        streams.out.write(
          `cycle report ${cycles}: ${outcome.samples} samples, last batch loss ${loss}, ` +
            `${((outcome.bytesDown + outcome.bytesUp) / 1e6).toFixed(1)} MB moved\n`,
        );
        continue;
      }
      if (outcome.status === 'rejected' && outcome.retryAfterSeconds === null) {
        streams.out.write(`process complete (${outcome.reason}); ${cycles} cycles reported\n`);
        return;
      }
      if (outcome.status === 'failed') {
        failures++;
        streams.err.write(`cycle failed: ${outcome.message}\n`);
        if (failures >= MAX_CONSECUTIVE_FAILURES) {
          throw new RunError(`${failures} cycles failed in a row; last: ${outcome.message}`);
        }
      }
      const suggested = outcome.status === 'rejected' ? (outcome.retryAfterSeconds ?? 0) : 1;
      const waitSeconds = Math.max(0.5, Math.min(suggested, MAX_WAIT_SECONDS));
      await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
    }
    streams.out.write(`stopped after ${cycles} cycles (--max-cycles)\n`);
  } finally {
    worker.close();
  }
}
