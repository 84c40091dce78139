/* eslint-disable @typescript-eslint/require-await -- better-sqlite3 is synchronous; the store interface is async so that networked databases can implement it. */
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { NewCycle, NewPlan, NewProcess, StoreTransaction } from './store.js';
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
import {
  buf,
  bytes,
  num,
  numOrNull,
  toCheckpoint,
  toCycle,
  toPlan,
  toProcess,
  toWorker,
  toWorkerCycle,
  type Row,
} from './sqlite-rows.js';

/**
 * The statements of one SQLite connection, behind the async transaction interface. Each SQL
 * text is prepared once per connection and reused.
 */
export class SqliteTransaction implements StoreTransaction {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: SqliteDatabase) {}

  private statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[];
  }

  private run(sql: string, ...params: unknown[]): number {
    return Number(this.statement(sql).run(...params).lastInsertRowid);
  }

  async insertProcess(p: NewProcess): Promise<number> {
    return this.run(
      `INSERT INTO processes (name, version, client_config, server_config, model_signature, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
      p.name,
      p.version,
      JSON.stringify(p.clientConfig),
      JSON.stringify(p.serverConfig),
      JSON.stringify(p.modelSignature),
      p.createdAtMs,
    );
  }

  async getProcess(id: number): Promise<ProcessRecord | undefined> {
    const r = this.one('SELECT * FROM processes WHERE id = ?', id);
    return r && toProcess(r);
  }

  async findProcess(name: string, version: string | null): Promise<ProcessRecord | undefined> {
    const r =
      version === null
        ? this.one('SELECT * FROM processes WHERE name = ? ORDER BY id DESC LIMIT 1', name)
        : this.one('SELECT * FROM processes WHERE name = ? AND version = ?', name, version);
    return r && toProcess(r);
  }

  async findProcessKey(
    name: string,
    version: string | null,
  ): Promise<{ id: number; createdAtMs: number } | undefined> {
    const r =
      version === null
        ? this.one(
            'SELECT id, created_at FROM processes WHERE name = ? ORDER BY id DESC LIMIT 1',
            name,
          )
        : this.one(
            'SELECT id, created_at FROM processes WHERE name = ? AND version = ?',
            name,
            version,
          );
    return r && { id: num(r.id), createdAtMs: num(r.created_at) };
  }

  async listProcesses(): Promise<ProcessRecord[]> {
    return this.all('SELECT * FROM processes ORDER BY id').map(toProcess);
  }

  async insertPlan(p: NewPlan): Promise<number> {
    return this.run(
      'INSERT INTO plans (process_id, name, is_averaging, original, tfjs, list) VALUES (?, ?, ?, ?, ?, ?)',
      p.processId,
      p.name,
      p.isAveragingPlan ? 1 : 0,
      buf(p.original),
      p.tfjs && buf(p.tfjs),
      p.list && buf(p.list),
    );
  }

  async getPlan(id: number): Promise<PlanRecord | undefined> {
    const r = this.one('SELECT * FROM plans WHERE id = ?', id);
    return r && toPlan(r);
  }

  async listPlans(processId: number): Promise<PlanRecord[]> {
    return this.all('SELECT * FROM plans WHERE process_id = ? ORDER BY id', processId).map(toPlan);
  }

  async getAveragingPlan(
    processId: number,
  ): Promise<{ id: number; original: Uint8Array } | undefined> {
    const r = this.one(
      'SELECT id, original FROM plans WHERE process_id = ? AND is_averaging = 1 ORDER BY id LIMIT 1',
      processId,
    );
    return r && { id: num(r.id), original: bytes(r.original) };
  }

  async insertProtocol(processId: number, name: string, value: Uint8Array): Promise<number> {
    return this.run(
      'INSERT INTO protocols (process_id, name, value) VALUES (?, ?, ?)',
      processId,
      name,
      buf(value),
    );
  }

  async getProtocol(id: number): Promise<ProtocolRecord | undefined> {
    const r = this.one('SELECT * FROM protocols WHERE id = ?', id);
    return (
      r && {
        id: num(r.id),
        processId: num(r.process_id),
        name: String(r.name),
        value: bytes(r.value),
      }
    );
  }

  async listProtocols(processId: number): Promise<ProtocolRecord[]> {
    return this.all('SELECT * FROM protocols WHERE process_id = ? ORDER BY id', processId).map(
      (r) => ({
        id: num(r.id),
        processId: num(r.process_id),
        name: String(r.name),
        value: bytes(r.value),
      }),
    );
  }

  async insertModel(processId: number): Promise<number> {
    return this.run('INSERT INTO models (process_id) VALUES (?)', processId);
  }

  async getModel(id: number): Promise<ModelRecord | undefined> {
    const r = this.one('SELECT * FROM models WHERE id = ?', id);
    return r && { id: num(r.id), processId: num(r.process_id) };
  }

  async getModelOfProcess(processId: number): Promise<ModelRecord | undefined> {
    const r = this.one('SELECT * FROM models WHERE process_id = ?', processId);
    return r && { id: num(r.id), processId: num(r.process_id) };
  }

  async insertLatestCheckpoint(
    modelId: number,
    value: Uint8Array,
    cycleId: number | null,
    nowMs: number,
  ): Promise<number> {
    const last = this.one('SELECT MAX(number) AS n FROM checkpoints WHERE model_id = ?', modelId);
    const next = (numOrNull(last?.n) ?? 0) + 1;
    this.run(`UPDATE checkpoints SET alias = '' WHERE model_id = ? AND alias = 'latest'`, modelId);
    this.run(
      `INSERT INTO checkpoints (model_id, number, alias, value, cycle_id, created_at)
       VALUES (?, ?, 'latest', ?, ?, ?)`,
      modelId,
      next,
      buf(value),
      cycleId,
      nowMs,
    );
    return next;
  }

  async findCheckpoint(
    modelId: number,
    selector: { number: number } | { alias: string },
  ): Promise<CheckpointRecord | undefined> {
    const r =
      'number' in selector
        ? this.one(
            'SELECT * FROM checkpoints WHERE model_id = ? AND number = ?',
            modelId,
            selector.number,
          )
        : this.one(
            'SELECT * FROM checkpoints WHERE model_id = ? AND alias = ? ORDER BY id DESC LIMIT 1',
            modelId,
            selector.alias,
          );
    return r && toCheckpoint(r);
  }

  async listCheckpointNumbers(modelId: number): Promise<number[]> {
    return this.all(
      'SELECT number FROM checkpoints WHERE model_id = ? ORDER BY number',
      modelId,
    ).map((r) => num(r.number));
  }

  async insertCycle(c: NewCycle): Promise<number> {
    return this.run(
      `INSERT INTO cycles (process_id, sequence, status, started_at, deadline, closed_at, requests_seen, checkpoint_number)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      c.processId,
      c.sequence,
      c.status,
      c.startedAtMs,
      c.deadlineMs,
      c.closedAtMs,
      c.requestsSeen,
      c.checkpointNumber,
    );
  }

  async getCycle(id: number): Promise<CycleRecord | undefined> {
    const r = this.one('SELECT * FROM cycles WHERE id = ?', id);
    return r && toCycle(r);
  }

  async openCycle(processId: number): Promise<CycleRecord | undefined> {
    const r = this.one(`SELECT * FROM cycles WHERE process_id = ? AND status = 'open'`, processId);
    return r && toCycle(r);
  }

  async listCycles(processId: number): Promise<CycleRecord[]> {
    return this.all('SELECT * FROM cycles WHERE process_id = ? ORDER BY sequence', processId).map(
      toCycle,
    );
  }

  async overdueCycles(nowMs: number): Promise<CycleRecord[]> {
    return this.all(
      `SELECT * FROM cycles WHERE status = 'open' AND deadline <= ? ORDER BY deadline`,
      nowMs,
    ).map(toCycle);
  }

  async nextDeadline(): Promise<number | undefined> {
    const r = this.one(`SELECT MIN(deadline) AS d FROM cycles WHERE status = 'open'`);
    return numOrNull(r?.d) ?? undefined;
  }

  async countCompletedCycles(processId: number): Promise<number> {
    const r = this.one(
      `SELECT COUNT(*) AS n FROM cycles WHERE process_id = ? AND status = 'completed'`,
      processId,
    );
    return num(r?.n);
  }

  async extendCycle(id: number, deadlineMs: number): Promise<void> {
    this.run('UPDATE cycles SET deadline = ? WHERE id = ?', deadlineMs, id);
  }

  async completeCycle(id: number, closedAtMs: number, checkpointNumber: number): Promise<void> {
    this.run(
      `UPDATE cycles SET status = 'completed', closed_at = ?, checkpoint_number = ? WHERE id = ?`,
      closedAtMs,
      checkpointNumber,
      id,
    );
  }

  async countRequestSeen(id: number): Promise<void> {
    this.run('UPDATE cycles SET requests_seen = requests_seen + 1 WHERE id = ?', id);
  }

  async insertWorker(w: WorkerRecord): Promise<void> {
    this.run(
      'INSERT INTO workers (id, process_id, created_at, ping, download, upload) VALUES (?, ?, ?, ?, ?, ?)',
      w.id,
      w.processId,
      w.createdAtMs,
      w.ping,
      w.downloadMbps,
      w.uploadMbps,
    );
  }

  async getWorker(id: string): Promise<WorkerRecord | undefined> {
    const r = this.one('SELECT * FROM workers WHERE id = ?', id);
    return r && toWorker(r);
  }

  async updateWorkerSpeeds(
    id: string,
    s: { ping: number | null; downloadMbps: number | null; uploadMbps: number | null },
  ): Promise<void> {
    this.run(
      `UPDATE workers SET ping = COALESCE(?, ping), download = COALESCE(?, download),
       upload = COALESCE(?, upload) WHERE id = ?`,
      s.ping,
      s.downloadMbps,
      s.uploadMbps,
      id,
    );
  }

  async insertWorkerCycle(row: Omit<WorkerCycleRecord, 'id'>): Promise<number> {
    return this.run(
      `INSERT INTO worker_cycles (worker_id, cycle_id, request_key, admitted_at, reported_at, num_samples)
       VALUES (?, ?, ?, ?, ?, ?)`,
      row.workerId,
      row.cycleId,
      row.requestKey,
      row.admittedAtMs,
      row.reportedAtMs,
      row.numSamples,
    );
  }

  async findWorkerCycle(workerId: string, cycleId: number): Promise<WorkerCycleRecord | undefined> {
    const r = this.one(
      'SELECT * FROM worker_cycles WHERE worker_id = ? AND cycle_id = ?',
      workerId,
      cycleId,
    );
    return r && toWorkerCycle(r);
  }

  async findWorkerCycleByKey(requestKey: string): Promise<WorkerCycleRecord | undefined> {
    const r = this.one('SELECT * FROM worker_cycles WHERE request_key = ?', requestKey);
    return r && toWorkerCycle(r);
  }

  async lastParticipation(workerId: string, processId: number): Promise<number | undefined> {
    const r = this.one(
      `SELECT MAX(c.sequence) AS s FROM worker_cycles wc JOIN cycles c ON c.id = wc.cycle_id
       WHERE wc.worker_id = ? AND c.process_id = ?`,
      workerId,
      processId,
    );
    return numOrNull(r?.s) ?? undefined;
  }

  async markReported(id: number, reportedAtMs: number, numSamples: number | null): Promise<void> {
    this.run(
      'UPDATE worker_cycles SET reported_at = ?, num_samples = ? WHERE id = ?',
      reportedAtMs,
      numSamples,
      id,
    );
  }

  async countAdmitted(cycleId: number): Promise<number> {
    return num(this.one('SELECT COUNT(*) AS n FROM worker_cycles WHERE cycle_id = ?', cycleId)?.n);
  }

  async countReported(cycleId: number): Promise<number> {
    return num(
      this.one(
        'SELECT COUNT(*) AS n FROM worker_cycles WHERE cycle_id = ? AND reported_at IS NOT NULL',
        cycleId,
      )?.n,
    );
  }

  async countRejection(cycleId: number, reason: RejectionReason): Promise<void> {
    this.run(
      `INSERT INTO cycle_rejections (cycle_id, reason, count) VALUES (?, ?, 1)
       ON CONFLICT (cycle_id, reason) DO UPDATE SET count = count + 1`,
      cycleId,
      reason,
    );
  }

  async rejectionCounts(cycleId: number): Promise<Partial<Record<RejectionReason, number>>> {
    const out: Partial<Record<RejectionReason, number>> = {};
    for (const r of this.all(
      'SELECT reason, count FROM cycle_rejections WHERE cycle_id = ?',
      cycleId,
    )) {
      out[String(r.reason) as RejectionReason] = num(r.count);
    }
    return out;
  }

  async getAccumulator(cycleId: number): Promise<AccumulatorRecord | undefined> {
    const r = this.one('SELECT * FROM accumulators WHERE cycle_id = ?', cycleId);
    if (!r) return undefined;
    const b = r.vals as Buffer;
    // Copy into an aligned buffer: a Buffer from SQLite may sit at any byte offset.
    const values = new Float64Array(b.byteLength / 8);
    new Uint8Array(values.buffer).set(b);
    return { cycleId, values, weightTotal: num(r.weight_total), count: num(r.count) };
  }

  async putAccumulator(a: AccumulatorRecord): Promise<void> {
    this.run(
      `INSERT INTO accumulators (cycle_id, vals, weight_total, count) VALUES (?, ?, ?, ?)
       ON CONFLICT (cycle_id) DO UPDATE SET vals = excluded.vals,
       weight_total = excluded.weight_total, count = excluded.count`,
      a.cycleId,
      buf(new Uint8Array(a.values.buffer, a.values.byteOffset, a.values.byteLength)),
      a.weightTotal,
      a.count,
    );
  }

  async deleteAccumulator(cycleId: number): Promise<void> {
    this.run('DELETE FROM accumulators WHERE cycle_id = ?', cycleId);
  }
}
