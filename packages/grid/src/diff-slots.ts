/**
 * Bounds how many reported diffs the grid holds decoded in memory at once, waiting for their
 * batch to commit (D6: memory O(model size) whatever the number of reports). A report takes
 * a slot before it decodes its diff and frees it once its batch settled; further reports wait
 * in arrival order, holding only their request text.
 */
export class DiffSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  /** @param slots - most diffs decoded at once */
  constructor(slots: number) {
    this.free = slots;
  }

  /**
   * Runs `work` once a slot is free and frees the slot when it settles.
   *
   * @param work - decodes, validates and commits one report
   */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}
