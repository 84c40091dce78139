import type {
  AccumulatorRecord,
  CheckpointRecord,
  CycleRecord,
  ModelRecord,
  PlanRecord,
  ProcessRecord,
  ProtocolRecord,
  RejectionReason,
  WorkerCycleRecord,
  WorkerRecord,
} from './records.js';

/** Fields of a new process row. */
export type NewProcess = Omit<ProcessRecord, 'id'>;
/** Fields of a new plan row. */
export type NewPlan = Omit<PlanRecord, 'id'>;
/** Fields of a new cycle row. */
export type NewCycle = Omit<CycleRecord, 'id'>;

/**
 * The operations available inside one store transaction. Every method is async so that a
 * networked database (PostgreSQL) can implement the same interface; the SQLite store answers
 * at once.
 */
export interface StoreTransaction {
  insertProcess(process: NewProcess): Promise<number>;
  getProcess(id: number): Promise<ProcessRecord | undefined>;
  /** The process by name and version; the latest hosted one by name when version is null. */
  findProcess(name: string, version: string | null): Promise<ProcessRecord | undefined>;
  /**
   * The id and creation time of the process `findProcess` would return, without reading its
   * configs: enough to check a cached copy of the (never updated) process row.
   */
  findProcessKey(
    name: string,
    version: string | null,
  ): Promise<{ id: number; createdAtMs: number } | undefined>;
  listProcesses(): Promise<ProcessRecord[]>;

  insertPlan(plan: NewPlan): Promise<number>;
  getPlan(id: number): Promise<PlanRecord | undefined>;
  listPlans(processId: number): Promise<PlanRecord[]>;
  /** The averaging plan of a process (only its id and bytes are read), if it has one. */
  getAveragingPlan(processId: number): Promise<{ id: number; original: Uint8Array } | undefined>;

  insertProtocol(processId: number, name: string, value: Uint8Array): Promise<number>;
  getProtocol(id: number): Promise<ProtocolRecord | undefined>;
  listProtocols(processId: number): Promise<ProtocolRecord[]>;

  insertModel(processId: number): Promise<number>;
  getModel(id: number): Promise<ModelRecord | undefined>;
  getModelOfProcess(processId: number): Promise<ModelRecord | undefined>;

  /** Inserts a checkpoint with alias `latest`, clearing the alias of the previous one. */
  insertLatestCheckpoint(
    modelId: number,
    value: Uint8Array,
    cycleId: number | null,
    nowMs: number,
  ): Promise<number>;
  /** The checkpoint by number, or by alias (`latest` when both are null). */
  findCheckpoint(
    modelId: number,
    selector: { number: number } | { alias: string },
  ): Promise<CheckpointRecord | undefined>;
  listCheckpointNumbers(modelId: number): Promise<number[]>;

  insertCycle(cycle: NewCycle): Promise<number>;
  getCycle(id: number): Promise<CycleRecord | undefined>;
  openCycle(processId: number): Promise<CycleRecord | undefined>;
  listCycles(processId: number): Promise<CycleRecord[]>;
  /** Open cycles whose deadline is at or before `nowMs`, over all processes. */
  overdueCycles(nowMs: number): Promise<CycleRecord[]>;
  /** The earliest deadline of any open cycle. */
  nextDeadline(): Promise<number | undefined>;
  countCompletedCycles(processId: number): Promise<number>;
  extendCycle(id: number, deadlineMs: number): Promise<void>;
  completeCycle(id: number, closedAtMs: number, checkpointNumber: number): Promise<void>;
  countRequestSeen(id: number): Promise<void>;

  insertWorker(worker: WorkerRecord): Promise<void>;
  getWorker(id: string): Promise<WorkerRecord | undefined>;
  updateWorkerSpeeds(
    id: string,
    speeds: { ping: number | null; downloadMbps: number | null; uploadMbps: number | null },
  ): Promise<void>;

  insertWorkerCycle(row: Omit<WorkerCycleRecord, 'id'>): Promise<number>;
  findWorkerCycle(workerId: string, cycleId: number): Promise<WorkerCycleRecord | undefined>;
  findWorkerCycleByKey(requestKey: string): Promise<WorkerCycleRecord | undefined>;
  /** The highest cycle sequence of this process the worker was admitted to. */
  lastParticipation(workerId: string, processId: number): Promise<number | undefined>;
  markReported(id: number, reportedAtMs: number, numSamples: number | null): Promise<void>;
  countAdmitted(cycleId: number): Promise<number>;
  countReported(cycleId: number): Promise<number>;

  countRejection(cycleId: number, reason: RejectionReason): Promise<void>;
  rejectionCounts(cycleId: number): Promise<Partial<Record<RejectionReason, number>>>;

  getAccumulator(cycleId: number): Promise<AccumulatorRecord | undefined>;
  putAccumulator(accumulator: AccumulatorRecord): Promise<void>;
  deleteAccumulator(cycleId: number): Promise<void>;
}

/**
 * Where the grid keeps everything it needs to go on after a restart (D12). Several grid
 * processes may share one store: all state lives here, and `write` transactions must be
 * serialised against each other. SQLite does it with `BEGIN IMMEDIATE`. A PostgreSQL store
 * would take one transaction-scoped advisory lock (`pg_advisory_xact_lock`) at the start of
 * each `write`, or run `write` at SERIALIZABLE and retry on serialization failures. A
 * `write` commits before it resolves; only then may the grid acknowledge a report.
 */
export interface GridStore {
  /** Runs `work` in a read-write transaction; commits when it resolves, rolls back when it throws. */
  write<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** Runs `work` in a read-only snapshot. */
  read<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
