import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { requireOwner } from './auth/owner-token.js';
import type { GridContext } from './context.js';
import { GridError, processNotFound } from './errors.js';
import { parseRequest } from './requests.js';

/** The file in the data folder that keeps recorded evaluations (see docs/limitations.md). */
export const EVALUATIONS_FILE = 'evaluations.json';

/** An evaluation of one checkpoint of a process, as the dashboard shows it. */
export interface EvaluationSummary {
  checkpoint: number;
  /** Fraction of test examples classified right, 0..1. */
  accuracy: number | null;
  loss: number | null;
  /** Number of test examples evaluated on. */
  examples: number | null;
  recorded_at: string;
}

interface StoredEvaluation extends EvaluationSummary {
  process_id: number;
}

/** Body of `POST /api/processes/:id/checkpoints/:number/evaluation`. */
const evaluationBody = z
  .object({
    accuracy: z.number().min(0).max(1).nullish(),
    loss: z.number().min(0).finite().nullish(),
    examples: z.number().int().positive().nullish(),
  })
  .refine((body) => body.accuracy != null || body.loss != null, {
    message: "an evaluation needs 'accuracy' or 'loss'",
  });

const storedEvaluations = z.array(
  z.object({
    process_id: z.number().int(),
    checkpoint: z.number().int(),
    accuracy: z.number().nullable(),
    loss: z.number().nullable(),
    examples: z.number().nullable(),
    recorded_at: z.string(),
  }),
);

/**
 * Recorded evaluations of checkpoints, kept in `evaluations.json` in the grid's data folder
 * (written to a temporary file, then renamed, so a crash leaves the old or the new list).
 * Evaluations are the owner's notes about checkpoints for the dashboard, not state the grid
 * needs to run cycles, so they live beside the store rather than in it.
 */
export class EvaluationBook {
  private readonly path: string;
  private entries: StoredEvaluation[];

  /** @param dataDir - the grid's data folder */
  constructor(dataDir: string) {
    this.path = join(dataDir, EVALUATIONS_FILE);
    this.entries = existsSync(this.path)
      ? storedEvaluations.parse(JSON.parse(readFileSync(this.path, 'utf8')))
      : [];
  }

  /** Records (or replaces) the evaluation of one checkpoint. */
  record(entry: StoredEvaluation): void {
    const others = this.entries.filter(
      (e) => e.process_id !== entry.process_id || e.checkpoint !== entry.checkpoint,
    );
    const next = [...others, entry];
    writeFileSync(`${this.path}.tmp`, JSON.stringify(next));
    renameSync(`${this.path}.tmp`, this.path);
    this.entries = next;
  }

  /** The evaluations of one process, by checkpoint number. */
  list(processId: number): EvaluationSummary[] {
    return this.entries
      .filter((e) => e.process_id === processId)
      .sort((a, b) => a.checkpoint - b.checkpoint)
      .map(({ process_id: _processId, ...summary }) => summary);
  }
}

async function requireCheckpoint(
  ctx: GridContext,
  processId: number,
  checkpoint: number,
): Promise<void> {
  const numbers = await ctx.store.read(async (tx) => {
    if (!(await tx.getProcess(processId))) return undefined;
    const model = await tx.getModelOfProcess(processId);
    return model ? tx.listCheckpointNumbers(model.id) : [];
  });
  if (numbers === undefined) throw processNotFound(processId);
  if (!numbers.includes(checkpoint)) {
    throw new GridError(
      'GRID_CHECKPOINT_NOT_FOUND',
      404,
      `Process ${processId} has no checkpoint ${checkpoint} (it has ${numbers.join(', ') || 'none'}).`,
    );
  }
}

/**
 * Records an evaluation of a checkpoint, for the grid's owner (D8): `accuracy` (0..1) and/or
 * `loss`, and optionally the number of test `examples`.
 *
 * @param ctx - the grid context
 * @param book - where evaluations are kept
 * @param target - process id and checkpoint number from the path
 * @param body - the request body
 * @param presentedOwnerToken - the owner token the caller sent
 * @throws GridError 401/403 without the owner token, 400 for a bad body, 404 for an unknown
 *   process or checkpoint
 */
export async function recordEvaluation(
  ctx: GridContext,
  book: EvaluationBook,
  target: { processId: number; checkpoint: number },
  body: unknown,
  presentedOwnerToken: string | undefined,
): Promise<EvaluationSummary> {
  requireOwner(ctx.ownerToken, presentedOwnerToken);
  const data = parseRequest(evaluationBody, body);
  await requireCheckpoint(ctx, target.processId, target.checkpoint);
  const entry: StoredEvaluation = {
    process_id: target.processId,
    checkpoint: target.checkpoint,
    accuracy: data.accuracy ?? null,
    loss: data.loss ?? null,
    examples: data.examples ?? null,
    recorded_at: new Date(ctx.now()).toISOString(),
  };
  book.record(entry);
  const { process_id: _processId, ...summary } = entry;
  return summary;
}

/**
 * The evaluations of a process, for `GET /api/processes/:id/evaluations`.
 *
 * @throws GridError 404 for an unknown process
 */
export async function listEvaluations(
  ctx: GridContext,
  book: EvaluationBook,
  processId: number,
): Promise<EvaluationSummary[]> {
  const process = await ctx.store.read((tx) => tx.getProcess(processId));
  if (!process) throw processNotFound(processId);
  return book.list(processId);
}
