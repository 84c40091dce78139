import { RunError } from '../errors.js';
import type { CheckpointAddress } from './checkpoint-source.js';

/** Test-set scores of one checkpoint, as the dashboard shows them. */
export interface CheckpointScores {
  /** Fraction of test images classified correctly, 0..1. */
  readonly accuracy: number;
  /** Mean cross-entropy loss over the test images. */
  readonly loss: number;
  /** How many test images were scored. */
  readonly examples: number;
}

/**
 * Finds the grid's id of the process `address` names (`GET /api/processes`).
 *
 * @param address - grid, token and process
 * @returns the process id
 * @throws {@link RunError} when the grid does not list that process
 */
export async function findProcessId(address: CheckpointAddress): Promise<number> {
  const response = await fetch(`${address.gridUrl}/api/processes`);
  if (!response.ok) throw new RunError(`/api/processes answered ${response.status}`);
  const processes = (await response.json()) as { id: number; name: string; version: string }[];
  const match = processes.find((p) => p.name === address.name && p.version === address.version);
  if (!match) throw new RunError(`the grid lists no process ${address.name} ${address.version}`);
  return match.id;
}

/**
 * Records a checkpoint's test-set scores on the grid (owner token), so that the dashboard
 * plots accuracy and loss per checkpoint.
 *
 * @param address - grid, token and process
 * @param processId - the process id from {@link findProcessId}
 * @param checkpoint - checkpoint number (1 is the initial model)
 * @param scores - the scores to record
 * @throws {@link RunError} for any answer other than 200
 */
export async function recordCheckpointScores(
  address: CheckpointAddress,
  processId: number,
  checkpoint: number,
  scores: CheckpointScores,
): Promise<void> {
  const url = `${address.gridUrl}/api/processes/${processId}/checkpoints/${checkpoint}/evaluation`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${address.ownerToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(scores),
  });
  if (!response.ok) {
    throw new RunError(
      `recording checkpoint ${checkpoint} scores answered ${response.status}: ${await response.text()}`,
    );
  }
}
