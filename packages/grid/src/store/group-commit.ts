import { GridError } from '../errors.js';
import type { AccumulatorRecord } from './records.js';
import type { GridStore, StoreTransaction } from './store.js';

/**
 * What the units of work of one batch share inside its transaction: the running aggregates
 * of the cycles they report to, read from the store once per batch, folded in memory and
 * written back once before the commit (D6). Nothing here outlives the transaction.
 */
export class WriteBatch {
  private readonly accumulators = new Map<number, AccumulatorRecord | undefined>();

  /**
   * The running aggregate of a cycle as this batch sees it.
   *
   * @param tx - the batch's transaction
   * @param cycleId - the cycle
   */
  async accumulator(tx: StoreTransaction, cycleId: number): Promise<AccumulatorRecord | undefined> {
    if (!this.accumulators.has(cycleId)) {
      this.accumulators.set(cycleId, await tx.getAccumulator(cycleId));
    }
    return this.accumulators.get(cycleId);
  }

  /** Replaces a cycle's running aggregate; it is written to the store by {@link flush}. */
  setAccumulator(accumulator: AccumulatorRecord): void {
    this.accumulators.set(accumulator.cycleId, accumulator);
  }

  /**
   * Writes the aggregates this batch changed (all of them, or one cycle's) to the store.
   *
   * @param tx - the batch's transaction
   * @param cycleId - only this cycle's aggregate (before the cycle completes), else all
   */
  async flush(tx: StoreTransaction, cycleId?: number): Promise<void> {
    for (const [id, accumulator] of this.accumulators) {
      if (cycleId !== undefined && id !== cycleId) continue;
      if (accumulator) await tx.putAccumulator(accumulator);
      this.accumulators.delete(id);
    }
  }
}

/** One unit of work of a batch; see {@link GroupCommit.submit} for its contract. */
export type BatchWork<T> = (tx: StoreTransaction, batch: WriteBatch) => Promise<T>;

interface Pending {
  work: BatchWork<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Whether an error refuses one unit of work (a 4xx) rather than aborting its whole batch. */
const refusesOnlyItself = (error: unknown): boolean =>
  error instanceof GridError && error.status < 500;

/**
 * Group commit: units of work submitted while a transaction runs are queued and run one
 * after another inside the next write transaction, which commits once for all of them. A
 * unit's promise settles only after its batch committed, so a caller that answers on
 * resolution answers only for durable state (D5, D12), while bursts share one fsync.
 *
 * Every unit re-reads what it decides on inside the batch's transaction, so units of one
 * batch see each other's writes in order and grids sharing the store stay exact.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private draining: Promise<void> | undefined;

  /**
   * @param store - the store whose `write` transactions carry the batches
   * @param maxBatch - most units in one transaction
   */
  constructor(
    private readonly store: GridStore,
    private readonly maxBatch = 128,
  ) {}

  /**
   * Runs `work` in the next batch transaction and resolves with its result after the commit.
   * Contract of `work`: a `GridError` below 500 (a refusal) must be thrown before `work`
   * writes anything; it rejects this unit alone. Any other error rolls back the whole batch
   * and rejects every unit of it, so no unit is acknowledged for a write that was undone.
   *
   * @param work - reads, checks and writes inside the batch transaction
   */
  submit<T>(work: BatchWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Waits until every submitted unit has settled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // Let the frames already read in this turn of the event loop join the batch.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.runBatch(this.queue.splice(0, this.maxBatch));
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await this.store.write(async (tx) => {
        outcomes.length = 0;
        const shared = new WriteBatch();
        for (const unit of batch) {
          try {
            outcomes.push({ ok: true, value: await unit.work(tx, shared) });
          } catch (error) {
            if (!refusesOnlyItself(error)) throw error;
            outcomes.push({ ok: false, value: error });
          }
        }
        await shared.flush(tx);
      });
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i] as { ok: boolean; value: unknown };
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.value);
    });
  }
}
