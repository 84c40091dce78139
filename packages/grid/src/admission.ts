import { createHash, randomUUID } from 'node:crypto';
import { verifyWorkerToken } from './auth/worker-auth.js';
import type { GridContext } from './context.js';
import { GridError, Messages } from './errors.js';
import { authenticateRequest, cycleRequest, parseRequest, parseSpeeds } from './requests.js';
import { requiresSpeedTest, type ServerConfig } from './server-config.js';
import type { CycleRecord, RejectionReason, WorkerRecord } from './store/records.js';
import type { StoreTransaction } from './store/store.js';

/** The reply to a successful authenticate. */
export interface AuthenticateReply {
  status: 'success';
  worker_id: string;
  requires_speed_test: boolean;
}

/** The reply to an accepted cycle request (section 2.3). */
export interface AcceptedReply {
  status: 'accepted';
  request_key: string;
  model: string;
  version: string;
  plans: Record<string, number>;
  protocols: Record<string, number>;
  client_config: Record<string, unknown>;
  model_id: number;
}

/** The reply to a refused cycle request (D3); `timeout` is absent only for `process_complete`. */
export interface RejectedReply {
  status: 'rejected';
  reason: RejectionReason;
  timeout?: number;
}

const processNotFound = (): GridError =>
  new GridError('GRID_PROCESS_NOT_FOUND', 404, Messages.processNotFound);

/**
 * Authenticates a worker for one process and issues a worker id bound to it (section 2.2, D7).
 *
 * @param ctx - the grid context
 * @param data - the authenticate data
 */
export async function authenticate(ctx: GridContext, data: unknown): Promise<AuthenticateReply> {
  const request = parseRequest(authenticateRequest, data);
  const version = request.model_version ? request.model_version : null;
  const facts = await ctx.store.read((tx) =>
    ctx.processFacts.find(tx, request.model_name, version),
  );
  if (!facts) throw processNotFound();
  const { process, config } = facts;
  try {
    await verifyWorkerToken(config, request.auth_token, ctx.authEndpointTimeoutMs);
  } catch (error) {
    if (error instanceof GridError) throw new GridError(error.code, 401, error.message);
    throw error;
  }
  const worker: WorkerRecord = {
    id: randomUUID(),
    processId: process.id,
    createdAtMs: ctx.now(),
    ping: null,
    downloadMbps: null,
    uploadMbps: null,
  };
  await ctx.commits.submit((tx) => tx.insertWorker(worker));
  return {
    status: 'success',
    worker_id: worker.id,
    requires_speed_test: requiresSpeedTest(config),
  };
}

/** Whole seconds from now until `atMs`, never negative. */
const secondsUntil = (atMs: number, nowMs: number): number =>
  Math.max(0, Math.ceil((atMs - nowMs) / 1000));

/**
 * Decides a cycle request (section 4.4 with every D4 key enforced) and, when accepted, admits
 * the worker with a fresh request key. The decision and its writes run inside the next
 * group-commit batch, on what that transaction reads, so `max_workers` and the other rules
 * stay exact across the batch and across grids sharing the store; the reply is sent after
 * the batch committed.
 *
 * @param ctx - the grid context
 * @param data - the cycle-request data
 */
export async function requestCycle(
  ctx: GridContext,
  data: unknown,
): Promise<AcceptedReply | RejectedReply> {
  const request = parseRequest(cycleRequest, data);
  return ctx.commits.submit(async (tx) => {
    const nowMs = ctx.now();
    const worker = await tx.getWorker(request.worker_id);
    if (!worker) throw new GridError('GRID_WORKER_NOT_FOUND', 404, Messages.workerNotFound);
    const facts = await ctx.processFacts.find(
      tx,
      request.model,
      request.version ? request.version : null,
    );
    if (!facts) throw processNotFound();
    const { process, config } = facts;
    const speeds = parseSpeeds(request, requiresSpeedTest(config));
    // Nothing is written before this point: a refusal above changes no state.
    await tx.updateWorkerSpeeds(worker.id, {
      ping: speeds.ping,
      downloadMbps: speeds.download,
      uploadMbps: speeds.upload,
    });
    const current: WorkerRecord = {
      ...worker,
      ping: speeds.ping ?? worker.ping,
      downloadMbps: speeds.download ?? worker.downloadMbps,
      uploadMbps: speeds.upload ?? worker.uploadMbps,
    };
    const cycle = await tx.openCycle(process.id);

    const reject = async (reason: RejectionReason, timeout?: number): Promise<RejectedReply> => {
      if (cycle) await tx.countRejection(cycle.id, reason);
      ctx.log.debug(
        { processId: process.id, cycle: cycle?.sequence, reason, timeout },
        'cycle request rejected',
      );
      return timeout === undefined
        ? { status: 'rejected', reason }
        : { status: 'rejected', reason, timeout };
    };
    const untilDeadline = cycle ? secondsUntil(cycle.deadlineMs, nowMs) : 0;

    // A worker id only works for the process it authenticated for (W-32).
    if (worker.processId !== process.id) return reject('unauthorized', untilDeadline);
    if (!cycle) return reject('process_complete');
    await tx.countRequestSeen(cycle.id);

    const refusal = await admissionRefusal(tx, ctx, config, cycle, current, nowMs);
    if (refusal) return reject(refusal.reason, refusal.timeout);

    const requestKey = createHash('sha256').update(randomUUID().replaceAll('-', '')).digest('hex');
    await tx.insertWorkerCycle({
      workerId: worker.id,
      cycleId: cycle.id,
      requestKey,
      admittedAtMs: nowMs,
      reportedAtMs: null,
      numSamples: null,
    });
    ctx.log.debug({ processId: process.id, cycle: cycle.sequence }, 'cycle request accepted');
    return {
      status: 'accepted',
      request_key: requestKey,
      model: process.name,
      version: process.version,
      plans: facts.plans,
      protocols: facts.protocols,
      client_config: process.clientConfig,
      model_id: facts.modelId,
    };
  });
}

/**
 * Why a worker of the right process cannot join this cycle, or undefined when it can.
 * `worker` carries the speeds of this request merged over the stored ones.
 */
async function admissionRefusal(
  tx: StoreTransaction,
  ctx: GridContext,
  config: ServerConfig,
  cycle: CycleRecord,
  worker: WorkerRecord,
  nowMs: number,
): Promise<{ reason: RejectionReason; timeout: number } | undefined> {
  const untilDeadline = secondsUntil(cycle.deadlineMs, nowMs);
  if (await tx.findWorkerCycle(worker.id, cycle.id)) {
    return { reason: 'already_participated', timeout: untilDeadline };
  }

  const gap = config.doNotReuseWorkersUntilCycle;
  const last = await tx.lastParticipation(worker.id, cycle.processId);
  if (gap > 1 && last !== undefined && cycle.sequence < last + gap) {
    const cyclesToWait = last + gap - cycle.sequence - 1;
    return {
      reason: 'not_reusable_yet',
      timeout: untilDeadline + cyclesToWait * Math.ceil(config.cycleLengthSeconds),
    };
  }

  const tooSlow = (measured: number | null, minimum: number | null): boolean =>
    minimum !== null && (measured === null || measured < minimum);
  if (
    tooSlow(worker.uploadMbps, config.minimumUploadMbps) ||
    tooSlow(worker.downloadMbps, config.minimumDownloadMbps)
  ) {
    return { reason: 'bandwidth_too_low', timeout: untilDeadline };
  }

  if (config.maxWorkers === null) return undefined;
  const admitted = await tx.countAdmitted(cycle.id);
  if (admitted >= config.maxWorkers) return { reason: 'cycle_full', timeout: untilDeadline };
  if (
    config.poolSelection === 'random' &&
    ctx.random() >=
      admissionProbability(cycle, config.maxWorkers - admitted, config.cycleLengthSeconds, nowMs)
  ) {
    return { reason: 'cycle_full', timeout: untilDeadline };
  }
  return undefined;
}

/**
 * Random pool selection: the arrival rate seen so far in this cycle (a Poisson estimate)
 * predicts how many more workers will ask before the deadline; each is admitted with the
 * probability that spreads the free places evenly over them. The rate is measured over at
 * least a tenth of the cycle, so the first arrivals of a cycle do not suggest a flood.
 *
 * @param cycle - the open cycle, as read before this request was counted
 * @param freePlaces - `max_workers` minus the workers admitted so far
 * @param cycleLengthSeconds - the process's `cycle_length`
 * @param nowMs - the current time
 */
export function admissionProbability(
  cycle: CycleRecord,
  freePlaces: number,
  cycleLengthSeconds: number,
  nowMs: number,
): number {
  const elapsedMs = Math.max(nowMs - cycle.startedAtMs, 1000, cycleLengthSeconds * 100);
  const remainingMs = Math.max(cycle.deadlineMs - nowMs, 0);
  const seen = cycle.requestsSeen + 1;
  const expectedArrivals = 1 + (seen / elapsedMs) * remainingMs;
  return Math.min(1, freePlaces / expectedArrivals);
}
