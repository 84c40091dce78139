import type { ActionWithReads, ProgramAction, ValueSource } from './program.js';

/**
 * Adds to each action the registers it is the last reader of, so intermediates are freed as
 * soon as possible. Inputs (caller-owned) and outputs are never freed; a result nobody reads
 * is freed right after the action that made it.
 */
export function withLifetimes(
  compiled: readonly ActionWithReads[],
  outputs: readonly ValueSource[],
  inputCount: number,
): ProgramAction[] {
  const lastUse = new Map<number, number>();
  compiled.forEach(({ action, reads }, position) => {
    for (const r of action.results) lastUse.set(r, position);
    for (const r of reads) lastUse.set(r, position);
  });
  for (const out of outputs) if (out.kind === 'register') lastUse.delete(out.register);

  const frees: number[][] = compiled.map(() => []);
  for (const [register, position] of lastUse) {
    if (register >= inputCount) frees[position]?.push(register);
  }
  return compiled.map(({ action }, position) => ({ ...action, frees: frees[position] ?? [] }));
}
