import type { ActionWithReads, ValueSource } from './program.js';

/** Who writes each register, and how often it is read, for the load-time rewrites. */
export interface RegisterUses {
  /** Register → position (in the action list) of the action that writes it last. */
  readonly producer: ReadonlyMap<number, number>;
  /** Register → number of reads; a plan output counts as two, so it is never "read once". */
  readonly uses: ReadonlyMap<number, number>;
}

/**
 * Counts the writers and readers of every register of a program.
 *
 * @param actions - the program's actions with the registers each reads
 * @param outputs - where the plan's outputs come from
 * @returns the producer of each register and its read count
 */
export function registerUses(
  actions: readonly ActionWithReads[],
  outputs: readonly ValueSource[],
): RegisterUses {
  const producer = new Map<number, number>();
  const uses = new Map<number, number>();
  actions.forEach(({ action, reads }, position) => {
    action.results.forEach((r) => producer.set(r, position));
    reads.forEach((r) => uses.set(r, (uses.get(r) ?? 0) + 1));
  });
  outputs.forEach((o) => {
    if (o.kind === 'register') uses.set(o.register, (uses.get(o.register) ?? 0) + 2);
  });
  return { producer, uses };
}
