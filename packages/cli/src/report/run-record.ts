/** What one completed training cycle achieved, measured on the held-out test set. */
export interface CycleRecord {
  /** Cycle number, from 1. */
  readonly cycle: number;
  /** Test accuracy of the checkpoint this cycle produced, in [0, 1]. */
  readonly accuracy: number;
  /** Mean test cross-entropy loss of that checkpoint. */
  readonly loss: number;
  /** Workers whose reports went into the checkpoint. */
  readonly workers: number;
  /** Model downloads plus diff uploads of this cycle's workers, in bytes. */
  readonly bytesMoved: number;
  /** Wall time from the cycle's start to its new checkpoint, in seconds. */
  readonly cycleSeconds: number;
}

/** Everything the HTML report shows about a federated run. */
export interface RunRecord {
  /** Heading of the report, for example `Federated MNIST`. */
  readonly title: string;
  /** When the run started (ISO 8601). */
  readonly startedAt: string;
  /** The run's settings, shown as a table. */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Test accuracy and loss of the initial model, before any cycle. */
  readonly initial: { readonly accuracy: number; readonly loss: number };
  /** One record per completed cycle, in order. */
  readonly cycles: readonly CycleRecord[];
  /** Wall time of the whole run, in seconds. */
  readonly wallSeconds: number;
  /** The accuracy the run looked for, and the first cycle that reached it (null: not reached). */
  readonly target: { readonly accuracy: number; readonly reachedAtCycle: number | null };
}

/**
 * The first cycle whose accuracy is at least `accuracy`.
 *
 * @param cycles - the cycle records, in order
 * @param accuracy - the target in [0, 1]
 * @returns the cycle number, or null when no cycle reached it
 */
export function firstCycleReaching(
  cycles: readonly CycleRecord[],
  accuracy: number,
): number | null {
  return cycles.find((record) => record.accuracy >= accuracy)?.cycle ?? null;
}
