import type { GridContext } from '../context.js';
import { handleDeadline } from './lifecycle.js';

/** Longest sleep between two looks at the store, so cycles opened by other grids are seen. */
const MAX_SLEEP_MS = 60_000;

/**
 * Handles every open cycle whose deadline has passed (close or extend, D4), one transaction
 * per cycle. Safe to call from any grid sharing the store, at any time: it acts on what the
 * store says, and each cycle is re-checked inside its transaction.
 *
 * @param ctx - the grid context
 * @returns how many cycles were completed
 */
export async function closeOverdueCycles(
  ctx: Omit<GridContext, 'deadlinesChanged'>,
): Promise<number> {
  const nowMs = ctx.now();
  const overdue = await ctx.store.read((tx) => tx.overdueCycles(nowMs));
  let completed = 0;
  for (const cycle of overdue) {
    const outcome = await ctx.store.write((tx) => handleDeadline(tx, cycle.id, nowMs));
    ctx.log.debug({ cycleId: cycle.id, outcome }, 'cycle deadline handled');
    if (outcome === 'completed') completed++;
  }
  return completed;
}

/**
 * The server-side timer that closes cycles at their deadline (fixes W-09). It only schedules;
 * what it does is derived from the store, so it can be lost in a crash without harm.
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> = Promise.resolve();

  /** @param ctx - the grid context the timer works on */
  constructor(private readonly ctx: Omit<GridContext, 'deadlinesChanged'>) {}

  /** Handles overdue cycles now and sleeps until the next deadline. */
  wake(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.running.then(() => this.tick());
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await closeOverdueCycles(this.ctx);
      const next = await this.ctx.store.read((tx) => tx.nextDeadline());
      const sleepMs = next === undefined ? MAX_SLEEP_MS : Math.max(0, next - this.ctx.now()) + 5;
      if (!this.stopped)
        this.timer = setTimeout(() => this.wake(), Math.min(sleepMs, MAX_SLEEP_MS));
    } catch (error) {
      this.ctx.log.error({ err: error }, 'deadline timer failed; retrying');
      if (!this.stopped) this.timer = setTimeout(() => this.wake(), 1000);
    }
  }
}
