import { seededRandom } from '../mnist/seeded-random.js';
import { type CycleOutcome, FederatedWorker } from '../worker/federated-worker.js';
import type { LogicalWorkerSpec, ProcessAddress } from './worker-messages.js';

/** Called for each worker's outcome as soon as it is known. */
export type OutcomeListener = (workerIndex: number, outcome: CycleOutcome) => void;

/**
 * The logical workers that share one thread. Each is a real `FederatedWorker` (its own Syft
 * client and WebSocket); the ones asked to join a cycle do so one after the other, since they
 * share the thread's CPU.
 */
export class LogicalWorkerGroup {
  private readonly workers = new Map<number, FederatedWorker>();

  /**
   * @param process - the FL process to join
   * @param specs - the workers of this group
   */
  constructor(process: ProcessAddress, specs: readonly LogicalWorkerSpec[]) {
    for (const spec of specs) {
      this.workers.set(
        spec.workerIndex,
        new FederatedWorker({
          ...process,
          examples: spec.examples,
          random: seededRandom(spec.seed),
        }),
      );
    }
  }

  /**
   * Has the given workers join the current cycle, one at a time.
   *
   * @param workerIndexes - which workers (all must belong to this group)
   * @param onOutcome - told each worker's outcome as it comes
   */
  async joinCycle(workerIndexes: readonly number[], onOutcome: OutcomeListener): Promise<void> {
    for (const index of workerIndexes) {
      const worker = this.workers.get(index);
      const outcome: CycleOutcome = worker
        ? await worker.joinCycle()
        : { status: 'failed', message: `worker ${index} does not belong to this thread` };
      onOutcome(index, outcome);
    }
  }

  /** Closes every worker's connection. */
  close(): void {
    for (const worker of this.workers.values()) worker.close();
  }
}
