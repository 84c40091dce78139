import { decodePlan, type Plan } from '@syft-ts/core';
import type { StoreTransaction } from '../store/store.js';

/**
 * How a process averages its diffs: FedAvg (weighted running sum) or an iterative averaging
 * plan (running average). Decoded plans are cached by plan id; the cache is derivable from
 * the store.
 */
export type AggregationMode = { kind: 'fedavg' } | { kind: 'plan'; plan: Plan };

const decodedPlans = new Map<number, Plan>();

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
  const averaging = (await tx.listPlans(processId)).find((p) => p.isAveragingPlan);
  if (!averaging || averaging.original.length === 0) return { kind: 'fedavg' };
  let plan = decodedPlans.get(averaging.id);
  if (!plan) {
    plan = decodePlan(averaging.original);
    decodedPlans.set(averaging.id, plan);
  }
  return { kind: 'plan', plan };
}
