import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { RunError } from '../errors.js';
import type { CycleOutcome } from '../worker/federated-worker.js';
import { LogicalWorkerGroup, type OutcomeListener } from './logical-worker-group.js';
import type {
  FromWorkerThread,
  LogicalWorkerSpec,
  ProcessAddress,
  ToWorkerThread,
} from './worker-messages.js';

/** Something that runs a set of logical workers: a worker thread, or the main thread. */
interface WorkerHost {
  joinCycle(
    cycle: number,
    workerIndexes: readonly number[],
    onOutcome: OutcomeListener,
  ): Promise<void>;
  close(): Promise<void>;
}

/** Runs logical workers on the calling thread (`--threads 0`). */
class InProcessHost implements WorkerHost {
  constructor(private readonly group: LogicalWorkerGroup) {}

  joinCycle(_cycle: number, indexes: readonly number[], onOutcome: OutcomeListener): Promise<void> {
    return this.group.joinCycle(indexes, onOutcome);
  }

  close(): Promise<void> {
    this.group.close();
    return Promise.resolve();
  }
}

/**
 * Starts a thread running worker-thread.js. Under vitest the sources are TypeScript, so the
 * thread first registers tsx's loader and then imports worker-thread.ts.
 */
function spawnWorkerThread(): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./worker-thread.js', import.meta.url));

  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsxApi = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const script = new URL('./worker-thread.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** Runs logical workers on a worker thread and relays their outcomes. */
class ThreadHost implements WorkerHost {
  private waiting: { remaining: Set<number>; onOutcome: OutcomeListener; done: () => void } | null =
    null;
  private failure: ((error: Error) => void) | null = null;
  /** The tfjs backend the thread trains on, once it is ready. */
  backend = 'unknown';

  private constructor(private readonly thread: Worker) {}

  /** Starts a thread with its logical workers and waits until it is ready. */
  static start(
    process: ProcessAddress,
    workers: readonly LogicalWorkerSpec[],
  ): Promise<ThreadHost> {
    const thread = spawnWorkerThread();
    const host = new ThreadHost(thread);

    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        reject(new RunError(`worker thread failed: ${error.message}`, { cause: error }));
        host.failure?.(error);
      };
      thread.on('error', fail);
      thread.on('exit', (code) => {
        if (code !== 0) fail(new Error(`exited with code ${code}`));
      });
      thread.on('message', (message: FromWorkerThread) => {
        if (message.kind === 'ready') {
          host.backend = message.backend;
          resolve(host);
        } else if (message.kind === 'failed') fail(new Error(message.message));
        else host.relay(message.workerIndex, message.outcome);
      });
      host.post({ kind: 'init', process, workers });
    });
  }

  joinCycle(cycle: number, indexes: readonly number[], onOutcome: OutcomeListener): Promise<void> {
    if (indexes.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiting = { remaining: new Set(indexes), onOutcome, done: resolve };
      this.failure = (error) => reject(new RunError(`worker thread failed: ${error.message}`));
      this.post({ kind: 'join-cycle', cycle, workerIndexes: indexes });
    });
  }

  async close(): Promise<void> {
    this.post({ kind: 'close' });
    await this.thread.terminate();
  }

  private relay(workerIndex: number, outcome: CycleOutcome): void {
    const waiting = this.waiting;
    if (waiting === null) return;
    waiting.onOutcome(workerIndex, outcome);
    waiting.remaining.delete(workerIndex);
    if (waiting.remaining.size === 0) {
      this.waiting = null;
      waiting.done();
    }
  }

  private post(message: ToWorkerThread): void {
    this.thread.postMessage(message);
  }
}

/**
 * The demo's logical workers spread over worker threads (round-robin), many per thread, so
 * that a hundred workers fit in memory and every core trains.
 *
 * @example
 * const pool = await WorkerPool.start(2, process, specs);
 * await pool.runCycle(1, [0, 3, 7], (worker, outcome) => console.log(worker, outcome.status));
 * await pool.close();
 */
export class WorkerPool {
  private constructor(
    private readonly hosts: readonly WorkerHost[],
    private readonly hostOf: ReadonlyMap<number, WorkerHost>,
    /** Backend each host trains on. */
    readonly backends: readonly string[],
  ) {}

  /**
   * Starts the threads (or, with 0 threads, prepares the workers on this thread).
   *
   * @param threads - number of worker threads; 0 runs the workers on the calling thread
   * @param process - the FL process the workers join
   * @param workers - the logical workers and their shards
   * @returns the ready pool
   * @throws {@link RunError} when a thread fails to start
   */
  static async start(
    threads: number,
    process: ProcessAddress,
    workers: readonly LogicalWorkerSpec[],
  ): Promise<WorkerPool> {
    if (threads === 0) {
      const host = new InProcessHost(new LogicalWorkerGroup(process, workers));
      const hostOf = new Map(workers.map((w) => [w.workerIndex, host as WorkerHost]));
      const { useFastBackend } = await import('./backend.js');
      return new WorkerPool([host], hostOf, [await useFastBackend()]);
    }

    const count = Math.min(threads, workers.length);
    const groups = Array.from({ length: count }, (_, t) =>
      workers.filter((_, i) => i % count === t),
    );
    const hosts = await Promise.all(groups.map((group) => ThreadHost.start(process, group)));
    const hostOf = new Map<number, WorkerHost>();
    groups.forEach((group, t) =>
      group.forEach((w) => hostOf.set(w.workerIndex, hosts[t] as WorkerHost)),
    );
    return new WorkerPool(
      hosts,
      hostOf,
      hosts.map((host) => host.backend),
    );
  }

  /**
   * Has the given workers join the current cycle; each host runs its own in parallel.
   *
   * @param cycle - the cycle number, for messages
   * @param workerIndexes - the chosen workers
   * @param onOutcome - told each outcome as it comes
   */
  async runCycle(
    cycle: number,
    workerIndexes: readonly number[],
    onOutcome: OutcomeListener,
  ): Promise<void> {
    const byHost = new Map<WorkerHost, number[]>();
    for (const index of workerIndexes) {
      const host = this.hostOf.get(index);
      if (host === undefined) throw new RunError(`no worker ${index} in the pool`);
      byHost.set(host, [...(byHost.get(host) ?? []), index]);
    }
    await Promise.all(
      [...byHost].map(([host, indexes]) => host.joinCycle(cycle, indexes, onOutcome)),
    );
  }

  /** Closes every worker and stops the threads. */
  async close(): Promise<void> {
    await Promise.all(this.hosts.map((host) => host.close()));
  }
}
