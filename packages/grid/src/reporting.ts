import { base64ToBytes } from '@syft-ts/core';
import { validatedDiff } from './assets/state-tensors.js';
import type { GridContext } from './context.js';
import { completeIfDone, foldDiff } from './cycle/lifecycle.js';
import { badRequest, GridError, Messages } from './errors.js';
import { parseRequest, reportRequest } from './requests.js';
import type { CycleRecord, ProcessRecord, WorkerCycleRecord } from './store/records.js';
import type { StoreTransaction } from './store/store.js';

/**
 * Accepts a worker's report (section 4.7, D5, D6, D12): checks the worker, the request key,
 * that no report was made with this key yet and that the cycle is open; validates the diff
 * against the model; then, in the next group-commit batch, checks again, folds the diff into
 * the cycle's running aggregate, marks the report and completes the cycle when this report
 * finishes it. `success` is returned only after that batch's transaction committed.
 *
 * @param ctx - the grid context
 * @param data - the report data
 */
export async function acceptReport(
  ctx: GridContext,
  data: unknown,
): Promise<{ status: 'success' }> {
  const request = parseRequest(reportRequest, data);

  const completed = await ctx.diffSlots.hold(async () => {
    let diff: Uint8Array;
    try {
      diff = base64ToBytes(request.diff);
    } catch {
      throw badRequest("'diff' is not valid base64");
    }

    // Refuse early, before the diff is validated; the checks run again inside the batch,
    // because another report or a deadline may have changed the cycle in between.
    const first = await ctx.store.read((tx) => checkedAdmission(tx, request));
    const tensors = validatedDiff(diff, first.process.modelSignature);
    return ctx.commits.submit(async (tx, batch) => {
      const nowMs = ctx.now();
      const { admission, cycle, process } = await checkedAdmission(tx, request);
      const numSamples = request.num_samples ?? null;
      await foldDiff(tx, batch, process, cycle.id, tensors, numSamples);
      await tx.markReported(admission.id, nowMs, numSamples);
      const done = await completeIfDone(tx, batch, process, cycle, nowMs);
      ctx.log.debug(
        { processId: process.id, cycle: cycle.sequence, numSamples, completed: done },
        'report accepted',
      );
      return done;
    });
  });
  if (completed) ctx.deadlinesChanged();
  return { status: 'success' };
}

/**
 * The admission a report is for, checked in order: known worker (404), its request key
 * (401), no report yet with this key (409), the cycle still open (410). A stored report
 * answers 409 even after its cycle closed, so a worker that retries after a lost reply learns
 * that its report counted; 410 means it did not.
 */
async function checkedAdmission(
  tx: StoreTransaction,
  request: { worker_id: string; request_key: string },
): Promise<{ admission: WorkerCycleRecord; cycle: CycleRecord; process: ProcessRecord }> {
  const worker = await tx.getWorker(request.worker_id);
  if (!worker) throw new GridError('GRID_WORKER_NOT_FOUND', 404, Messages.workerNotFound);
  const admission = await tx.findWorkerCycleByKey(request.request_key);
  if (!admission || admission.workerId !== worker.id) {
    throw new GridError('GRID_INVALID_REQUEST_KEY', 401, Messages.invalidRequestKey);
  }
  const cycle = await tx.getCycle(admission.cycleId);
  const process = cycle && (await tx.getProcess(cycle.processId));
  if (!cycle || !process) throw new GridError('GRID_CYCLE_NOT_FOUND', 404, Messages.cycleNotFound);
  if (admission.reportedAtMs !== null) {
    throw new GridError(
      'GRID_DUPLICATE_REPORT',
      409,
      'A report was already accepted for this request key.',
    );
  }
  if (cycle.status !== 'open') {
    throw new GridError(
      'GRID_CYCLE_CLOSED',
      410,
      `Cycle ${cycle.sequence} is closed: its reports are no longer accepted.`,
    );
  }
  return { admission, cycle, process };
}
