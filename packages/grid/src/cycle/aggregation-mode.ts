import { decodePlan, type Plan } from '@syft-ts/core';
import type { StoreTransaction } from '../store/store.js';

/**
 * How a process averages its diffs: FedAvg (weighted running sum) or an iterative averaging
 * plan (running average). Decoded plans are cached by plan id together with their bytes, and
 * used only when the bytes read from the store are the same (grids of one Node process may
 * use different stores).
 */
export type AggregationMode = { kind: 'fedavg' } | { kind: 'plan'; plan: Plan };

const decodedPlans = new Map<number, { bytes: Uint8Array; plan: Plan }>();

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.compare(a, b) === 0;

/**
 * The aggregation mode of a process.
 *
 * @param tx - an open store transaction
 * @param processId - the process
 */
export async function aggregationModeOf(
  tx: StoreTransaction,
  processId: number,
): Promise<AggregationMode> {
  const averaging = await tx.getAveragingPlan(processId);
  if (!averaging || averaging.original.length === 0) return { kind: 'fedavg' };
  const cached = decodedPlans.get(averaging.id);
  if (cached && sameBytes(cached.bytes, averaging.original))
    return { kind: 'plan', plan: cached.plan };
  const plan = decodePlan(averaging.original);
  decodedPlans.set(averaging.id, { bytes: averaging.original, plan });
  return { kind: 'plan', plan };
}
