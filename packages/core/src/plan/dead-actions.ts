import type { ActionWithReads, ValueSource } from './program.js';

/**
 * Drops actions whose results nobody reads and that are not outputs (for example the
 * transpose a rewrite no longer needs). Random ops are dropped too: an unread random result
 * has no effect.
 */
export function withoutDeadActions(
  actions: readonly ActionWithReads[],
  outputs: readonly ValueSource[],
): ActionWithReads[] {
  const live = new Set<number>();
  outputs.forEach((o) => {
    if (o.kind === 'register') live.add(o.register);
  });
  const kept: ActionWithReads[] = [];
  for (let i = actions.length - 1; i >= 0; i -= 1) {
    const entry = actions[i];
    if (entry === undefined || !entry.action.results.some((r) => live.has(r))) continue;
    entry.reads.forEach((r) => live.add(r));
    kept.push(entry);
  }
  return kept.reverse();
}
