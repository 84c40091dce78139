import type { GridContext } from './context.js';
import { processNotFound } from './errors.js';
import { parseServerConfig } from './server-config.js';
import type { RejectionReason } from './store/records.js';

/** A process as the dashboard lists it. */
export interface ProcessSummary {
  id: number;
  name: string;
  version: string;
  model_id: number | null;
  status: 'running' | 'complete';
  num_cycles: number;
  cycles_completed: number;
  current_cycle: number | null;
  checkpoints: number[];
}

/** A cycle as the dashboard shows it. */
export interface CycleSummary {
  id: number;
  sequence: number;
  status: 'open' | 'completed';
  started_at: string;
  deadline: string;
  closed_at: string | null;
  admitted: number;
  reports: number;
  rejected: Partial<Record<RejectionReason, number>>;
  checkpoint_number: number | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The hosted processes, for `GET /api/processes`.
 *
 * @param ctx - the grid context
 */
export async function listProcesses(ctx: GridContext): Promise<ProcessSummary[]> {
  return ctx.store.read(async (tx) => {
    const out: ProcessSummary[] = [];
    for (const p of await tx.listProcesses()) {
      const model = await tx.getModelOfProcess(p.id);
      const open = await tx.openCycle(p.id);
      out.push({
        id: p.id,
        name: p.name,
        version: p.version,
        model_id: model?.id ?? null,
        status: open ? 'running' : 'complete',
        num_cycles: parseServerConfig(p.serverConfig).numCycles,
        cycles_completed: await tx.countCompletedCycles(p.id),
        current_cycle: open?.sequence ?? null,
        checkpoints: model ? await tx.listCheckpointNumbers(model.id) : [],
      });
    }
    return out;
  });
}

/**
 * The cycles of one process, for `GET /api/processes/:id/cycles`.
 *
 * @param ctx - the grid context
 * @param processId - the process id from the path
 */
export async function listCycles(ctx: GridContext, processId: number): Promise<CycleSummary[]> {
  return ctx.store.read(async (tx) => {
    if (!(await tx.getProcess(processId))) {
      throw processNotFound(processId);
    }
    const out: CycleSummary[] = [];
    for (const c of await tx.listCycles(processId)) {
      out.push({
        id: c.id,
        sequence: c.sequence,
        status: c.status,
        started_at: iso(c.startedAtMs),
        deadline: iso(c.deadlineMs),
        closed_at: c.closedAtMs === null ? null : iso(c.closedAtMs),
        admitted: await tx.countAdmitted(c.id),
        reports: await tx.countReported(c.id),
        rejected: await tx.rejectionCounts(c.id),
        checkpoint_number: c.checkpointNumber,
      });
    }
    return out;
  });
}
