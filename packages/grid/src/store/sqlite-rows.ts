/** Mapping between SQLite rows and the grid's records. */
import type {
  CheckpointRecord,
  CycleRecord,
  CycleStatus,
  PlanRecord,
  ProcessRecord,
  TensorSignature,
  WorkerCycleRecord,
  WorkerRecord,
} from './records.js';

/** A row as better-sqlite3 returns it. */
export type Row = Record<string, unknown>;

/** Row value readers and the BLOB view of a byte array. */
export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
export const bytes = (v: unknown): Uint8Array => new Uint8Array(v as Buffer);
export const bytesOrNull = (v: unknown): Uint8Array | null => (v === null ? null : bytes(v));
export const buf = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** A process row. */
export function toProcess(r: Row): ProcessRecord {
  return {
    id: num(r.id),
    name: String(r.name),
    version: String(r.version),
    clientConfig: JSON.parse(String(r.client_config)) as Record<string, unknown>,
    serverConfig: JSON.parse(String(r.server_config)) as Record<string, unknown>,
    modelSignature: JSON.parse(String(r.model_signature)) as TensorSignature[],
    createdAtMs: num(r.created_at),
  };
}

/** A plan row. */
export function toPlan(r: Row): PlanRecord {
  return {
    id: num(r.id),
    processId: num(r.process_id),
    name: typeof r.name === 'string' ? r.name : null,
    isAveragingPlan: num(r.is_averaging) === 1,
    original: bytes(r.original),
    tfjs: bytesOrNull(r.tfjs),
    list: bytesOrNull(r.list),
  };
}

/** A cycle row. */
export function toCycle(r: Row): CycleRecord {
  return {
    id: num(r.id),
    processId: num(r.process_id),
    sequence: num(r.sequence),
    status: String(r.status) as CycleStatus,
    startedAtMs: num(r.started_at),
    deadlineMs: num(r.deadline),
    closedAtMs: numOrNull(r.closed_at),
    requestsSeen: num(r.requests_seen),
    checkpointNumber: numOrNull(r.checkpoint_number),
  };
}

/** A checkpoint row. */
export function toCheckpoint(r: Row): CheckpointRecord {
  return {
    id: num(r.id),
    modelId: num(r.model_id),
    number: num(r.number),
    alias: String(r.alias),
    value: bytes(r.value),
    cycleId: numOrNull(r.cycle_id),
    createdAtMs: num(r.created_at),
  };
}

/** A worker row. */
export function toWorker(r: Row): WorkerRecord {
  return {
    id: String(r.id),
    processId: num(r.process_id),
    createdAtMs: num(r.created_at),
    ping: numOrNull(r.ping),
    downloadMbps: numOrNull(r.download),
    uploadMbps: numOrNull(r.upload),
  };
}

/** A worker-cycle row. */
export function toWorkerCycle(r: Row): WorkerCycleRecord {
  return {
    id: num(r.id),
    workerId: String(r.worker_id),
    cycleId: num(r.cycle_id),
    requestKey: String(r.request_key),
    admittedAtMs: num(r.admitted_at),
    reportedAtMs: numOrNull(r.reported_at),
    numSamples: numOrNull(r.num_samples),
  };
}
