/**
 * The rows the grid keeps, independent of the database that holds them. Ids are integers
 * (process, plan, model, cycle) as PyGrid's wire format needs, except the worker id (UUID4).
 */

/** A hosted federated-learning process, identified by (name, version). */
export interface ProcessRecord {
  id: number;
  name: string;
  version: string;
  /** Public configuration, sent verbatim to accepted workers. */
  clientConfig: Record<string, unknown>;
  /** Private configuration, already validated (see `server-config.ts`). */
  serverConfig: Record<string, unknown>;
  /** Shapes and dtypes of the model parameters, in order: what every diff must match. */
  modelSignature: TensorSignature[];
  createdAtMs: number;
}

/** Shape and dtype of one model parameter. */
export interface TensorSignature {
  shape: number[];
  dtype: string;
}

/** A plan of a process: a client plan (with its served variants) or the averaging plan. */
export interface PlanRecord {
  id: number;
  processId: number;
  /** `null` for the averaging plan. */
  name: string | null;
  isAveragingPlan: boolean;
  /** The bytes as uploaded. */
  original: Uint8Array;
  /** The variant served for `receive_operations_as=tfjs`; `null` for the averaging plan. */
  tfjs: Uint8Array | null;
  /** The torch-op variant served for `receive_operations_as=list`; `null` when there is none. */
  list: Uint8Array | null;
}

/** A protocol, stored and served as opaque bytes. */
export interface ProtocolRecord {
  id: number;
  processId: number;
  name: string;
  value: Uint8Array;
}

/** The model of a process (one per process). */
export interface ModelRecord {
  id: number;
  processId: number;
}

/** One saved version of the model parameters (a serialized `State`). */
export interface CheckpointRecord {
  id: number;
  modelId: number;
  /** 1 for the hosted model, then one more per completed cycle. */
  number: number;
  /** `latest` on the newest checkpoint, `""` otherwise. */
  alias: string;
  value: Uint8Array;
  /** The cycle whose reports produced it; `null` for the hosted model. */
  cycleId: number | null;
  createdAtMs: number;
}

/** Status of a cycle. */
export type CycleStatus = 'open' | 'completed';

/** One training cycle of a process. */
export interface CycleRecord {
  id: number;
  processId: number;
  /** 1-based position among the cycles of its process. */
  sequence: number;
  status: CycleStatus;
  startedAtMs: number;
  /** When the server-side timer closes (or extends) the cycle. */
  deadlineMs: number;
  closedAtMs: number | null;
  /** Cycle requests seen while open, admitted or not (the arrival rate for random selection). */
  requestsSeen: number;
  /** Number of the checkpoint this cycle produced, once completed. */
  checkpointNumber: number | null;
}

/** A worker identity, issued by authenticate and bound to one process (D7). */
export interface WorkerRecord {
  id: string;
  processId: number;
  createdAtMs: number;
  /** Last reported speeds: ping in ms, download and upload in Mbit/s. */
  ping: number | null;
  downloadMbps: number | null;
  uploadMbps: number | null;
}

/** The admission of one worker to one cycle, and its report once made. */
export interface WorkerCycleRecord {
  id: number;
  workerId: string;
  cycleId: number;
  /** 64 lowercase hex characters: the download and report credential. */
  requestKey: string;
  admittedAtMs: number;
  reportedAtMs: number | null;
  numSamples: number | null;
}

/** Why a cycle request was refused (D3). */
export type RejectionReason =
  | 'cycle_full'
  | 'already_participated'
  | 'not_reusable_yet'
  | 'bandwidth_too_low'
  | 'process_complete'
  | 'unauthorized';

/**
 * The running aggregate of a cycle's accepted diffs: a weighted sum (FedAvg) or, with an
 * iterative averaging plan, the running average itself. Float64, all parameters concatenated.
 */
export interface AccumulatorRecord {
  cycleId: number;
  values: Float64Array;
  weightTotal: number;
  count: number;
}
