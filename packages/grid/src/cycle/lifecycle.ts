import {
  foldWeightedSum,
  flatten,
  splitFlat,
  weightedAverage,
} from '../aggregation/accumulator.js';
import { applyAveragingPlan } from '../aggregation/averaging-plan.js';
import { subtractAverage } from '../aggregation/checkpoint.js';
import { GridError } from '../errors.js';
import { parseServerConfig, type ServerConfig } from '../server-config.js';
import type { AccumulatorRecord, CycleRecord, ProcessRecord } from '../store/records.js';
import type { WriteBatch } from '../store/group-commit.js';
import type { StoreTransaction } from '../store/store.js';
import { aggregationModeOf } from './aggregation-mode.js';

/** What happened to a cycle that reached its deadline. */
export type DeadlineOutcome = 'completed' | 'extended' | 'unchanged';

/**
 * Opens the next cycle of a process, or none when `num_cycles` are done.
 *
 * @returns the new cycle's id, or undefined when the process is complete
 */
export async function openNextCycle(
  tx: StoreTransaction,
  process: ProcessRecord,
  config: ServerConfig,
  sequence: number,
  nowMs: number,
): Promise<number | undefined> {
  if (config.numCycles > 0 && sequence > config.numCycles) return undefined;
  return tx.insertCycle({
    processId: process.id,
    sequence,
    status: 'open',
    startedAtMs: nowMs,
    deadlineMs: nowMs + config.cycleLengthSeconds * 1000,
    closedAtMs: null,
    requestsSeen: 0,
    checkpointNumber: null,
  });
}

/**
 * Folds one validated diff into the cycle's accumulator (D6), by FedAvg or by the process's
 * iterative averaging plan. The accumulator is the batch's in-memory copy, read from the store
 * once per batch and written back before the batch commits. A failing averaging plan throws
 * (400) before anything changed.
 */
export async function foldDiff(
  tx: StoreTransaction,
  batch: WriteBatch,
  process: ProcessRecord,
  cycleId: number,
  diff: Float32Array[],
  numSamples: number | null,
): Promise<void> {
  const previous = await batch.accumulator(tx, cycleId);
  const mode = await aggregationModeOf(tx, process.id);
  let next: AccumulatorRecord;
  if (mode.kind === 'fedavg') {
    next = foldWeightedSum(previous, diff, numSamples ?? 1, cycleId);
  } else if (!previous) {
    next = { cycleId, values: flatten(diff), weightTotal: 1, count: 1 };
  } else {
    const sizes = diff.map((t) => t.length);
    const average = applyAveragingPlan(
      mode.plan,
      splitFlat(previous.values, sizes),
      diff,
      previous.count,
      process.modelSignature,
    );
    next = {
      cycleId,
      values: flatten(average),
      weightTotal: previous.count + 1,
      count: previous.count + 1,
    };
  }
  batch.setAccumulator(next);
}

/**
 * Completes a cycle and opens the next one, in the caller's transaction (D4, D6): the new
 * checkpoint (previous − average diff, alias `latest`), the cycle marked completed, the
 * accumulator dropped, the next cycle opened while cycles remain.
 */
export async function completeCycle(
  tx: StoreTransaction,
  process: ProcessRecord,
  cycle: CycleRecord,
  nowMs: number,
): Promise<number> {
  const config = parseServerConfig(process.serverConfig);
  const accumulator = await tx.getAccumulator(cycle.id);
  const model = await tx.getModelOfProcess(process.id);
  const previous = model && (await tx.findCheckpoint(model.id, { alias: 'latest' }));
  if (!accumulator || !model || !previous) {
    throw new GridError(
      'GRID_BUG',
      500,
      `cycle ${cycle.id} cannot complete: store is inconsistent`,
    );
  }
  const mode = await aggregationModeOf(tx, process.id);
  const average = mode.kind === 'fedavg' ? weightedAverage(accumulator) : accumulator.values;
  const number = await tx.insertLatestCheckpoint(
    model.id,
    subtractAverage(previous.value, average),
    cycle.id,
    nowMs,
  );
  await tx.completeCycle(cycle.id, nowMs, number);
  await tx.deleteAccumulator(cycle.id);
  await openNextCycle(tx, process, config, cycle.sequence + 1, nowMs);
  return number;
}

/**
 * Completes the cycle now if a report just made it done: `max_diffs` reports, or a full cycle
 * (`max_workers` admitted) whose admitted workers have all reported. The batch's aggregate of
 * the cycle is written to the store first, so the checkpoint averages every folded report.
 */
export async function completeIfDone(
  tx: StoreTransaction,
  batch: WriteBatch,
  process: ProcessRecord,
  cycle: CycleRecord,
  nowMs: number,
): Promise<boolean> {
  const config = parseServerConfig(process.serverConfig);
  const reported = await tx.countReported(cycle.id);
  const admitted = await tx.countAdmitted(cycle.id);
  const enoughDiffs = config.maxDiffs !== null && reported >= config.maxDiffs;
  const fullAndDone =
    config.maxWorkers !== null && admitted >= config.maxWorkers && reported === admitted;
  if (!enoughDiffs && !fullAndDone) return false;
  await batch.flush(tx, cycle.id);
  await completeCycle(tx, process, cycle, nowMs);
  return true;
}

/**
 * Handles a cycle whose deadline has passed (D4): completes it when it has at least
 * `min_diffs` reports (and at least one) from at least `min_workers` admitted workers, else
 * extends the deadline by whole `cycle_length`s until it lies in the future. Re-reads the
 * cycle, so concurrent grids sharing the store act on it once.
 */
export async function handleDeadline(
  tx: StoreTransaction,
  cycleId: number,
  nowMs: number,
): Promise<DeadlineOutcome> {
  const cycle = await tx.getCycle(cycleId);
  if (!cycle || cycle.status !== 'open' || cycle.deadlineMs > nowMs) return 'unchanged';
  const process = await tx.getProcess(cycle.processId);
  if (!process) return 'unchanged';
  const config = parseServerConfig(process.serverConfig);
  const reported = await tx.countReported(cycle.id);
  const admitted = await tx.countAdmitted(cycle.id);
  if (reported >= Math.max(config.minDiffs, 1) && admitted >= config.minWorkers) {
    await completeCycle(tx, process, cycle, nowMs);
    return 'completed';
  }
  const lengthMs = config.cycleLengthSeconds * 1000;
  const periods = Math.floor((nowMs - cycle.deadlineMs) / lengthMs) + 1;
  await tx.extendCycle(cycle.id, cycle.deadlineMs + periods * lengthMs);
  return 'extended';
}
