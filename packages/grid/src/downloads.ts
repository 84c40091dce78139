import { requireOwner } from './auth/owner-token.js';
import type { GridContext } from './context.js';
import { badRequest, GridError, Messages } from './errors.js';
import {
  getModelQuery,
  getPlanQuery,
  getProtocolQuery,
  parseRequest,
  pathInteger,
  retrieveModelQuery,
} from './requests.js';
import type { StoreTransaction } from './store/store.js';

/**
 * Checks that a worker may download assets of a process now (section 4.6): its request key
 * belongs to the process's current open cycle.
 */
async function authoriseDownload(
  tx: StoreTransaction,
  processId: number,
  workerId: string,
  requestKey: string,
): Promise<void> {
  const cycle = await tx.openCycle(processId);
  if (!cycle) throw new GridError('GRID_CYCLE_NOT_FOUND', 400, Messages.cycleNotFound);
  const worker = await tx.getWorker(workerId);
  if (!worker) throw new GridError('GRID_WORKER_NOT_FOUND', 404, Messages.workerNotFound);
  const admission = await tx.findWorkerCycle(worker.id, cycle.id);
  if (!admission) throw new GridError('GRID_CYCLE_NOT_FOUND', 400, Messages.cycleNotFound);
  if (admission.requestKey !== requestKey) {
    throw new GridError('GRID_INVALID_REQUEST_KEY', 401, Messages.invalidRequestKey);
  }
}

/**
 * The latest checkpoint of a model, for an admitted worker (section 2.5).
 *
 * @param ctx - the grid context
 * @param query - `worker_id`, `request_key`, `model_id`
 * @returns the serialized `State`
 */
export async function downloadModel(ctx: GridContext, query: unknown): Promise<Uint8Array> {
  const q = parseRequest(getModelQuery, query);
  return ctx.store.read(async (tx) => {
    const model = await tx.getModel(q.model_id);
    if (!model) throw new GridError('GRID_MODEL_NOT_FOUND', 404, Messages.modelNotFound);
    await authoriseDownload(tx, model.processId, q.worker_id, q.request_key);
    const checkpoint = await tx.findCheckpoint(model.id, { alias: 'latest' });
    if (!checkpoint) throw new GridError('GRID_MODEL_NOT_FOUND', 404, Messages.modelNotFound);
    return checkpoint.value;
  });
}

/**
 * A variant of a client plan, for an admitted worker (section 2.6, D10).
 *
 * @param ctx - the grid context
 * @param query - `worker_id`, `request_key`, `plan_id`, `receive_operations_as`
 * @returns the serialized `Plan` variant
 */
export async function downloadPlan(ctx: GridContext, query: unknown): Promise<Uint8Array> {
  const q = parseRequest(getPlanQuery, query);
  if (q.receive_operations_as === 'torchscript') {
    throw badRequest(
      "receive_operations_as=torchscript is not served by this grid: ask for 'tfjs' or 'list'",
    );
  }
  return ctx.store.read(async (tx) => {
    const plan = await tx.getPlan(q.plan_id);
    if (!plan || plan.isAveragingPlan) {
      throw new GridError('GRID_PLAN_NOT_FOUND', 404, Messages.planNotFound);
    }
    await authoriseDownload(tx, plan.processId, q.worker_id, q.request_key);
    if (q.receive_operations_as === 'tfjs') return plan.tfjs as Uint8Array;
    if (!plan.list) {
      throw badRequest(
        "This plan has no torch-op ('list') variant: ask for receive_operations_as=tfjs",
      );
    }
    return plan.list;
  });
}

/**
 * A protocol's stored bytes, for an admitted worker (section 2.7, D10).
 *
 * @param ctx - the grid context
 * @param query - `worker_id`, `request_key`, `protocol_id`
 */
export async function downloadProtocol(ctx: GridContext, query: unknown): Promise<Uint8Array> {
  const q = parseRequest(getProtocolQuery, query);
  return ctx.store.read(async (tx) => {
    const protocol = await tx.getProtocol(q.protocol_id);
    if (!protocol) throw new GridError('GRID_PROTOCOL_NOT_FOUND', 404, Messages.protocolNotFound);
    await authoriseDownload(tx, protocol.processId, q.worker_id, q.request_key);
    return protocol.value;
  });
}

/**
 * The checkpoint a `checkpoint` query value selects: `latest` when absent, a number when it
 * looks like one (it must then be a non-negative integer), else an alias.
 */
function checkpointSelector(
  value: string | null | undefined,
): { number: number } | { alias: string } {
  if (!value) return { alias: 'latest' };
  if (/^[-+.\d]/.test(value)) return { number: pathInteger(value, 'checkpoint') };
  return { alias: value };
}

/**
 * Any checkpoint of a process, for the grid's owner (section 2.9, D8): by number, by alias,
 * or `latest`.
 *
 * @param ctx - the grid context
 * @param query - `name`, optional `version`, optional `checkpoint`
 * @param presentedOwnerToken - the owner token the caller sent
 */
export async function retrieveCheckpoint(
  ctx: GridContext,
  query: unknown,
  presentedOwnerToken: string | undefined,
): Promise<Uint8Array> {
  requireOwner(ctx.ownerToken, presentedOwnerToken);
  const q = parseRequest(retrieveModelQuery, query);
  return ctx.store.read(async (tx) => {
    const process = await tx.findProcess(q.name, q.version ? q.version : null);
    if (!process) throw new GridError('GRID_PROCESS_NOT_FOUND', 404, Messages.processNotFound);
    const model = await tx.getModelOfProcess(process.id);
    const selector = checkpointSelector(q.checkpoint);
    const checkpoint = model && (await tx.findCheckpoint(model.id, selector));
    if (!checkpoint) throw new GridError('GRID_MODEL_NOT_FOUND', 404, Messages.modelNotFound);
    return checkpoint.value;
  });
}
