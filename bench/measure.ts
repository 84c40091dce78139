/**
 * Micro-benchmark timing through tinybench. Tasks that are compared are measured in
 * alternation: each round gives every task a short tinybench run (warm-up, then at least
 * `minRuns` timed runs), and a task's result is the median over rounds of its per-round
 * median. Alternating keeps a change in machine load (other processes) from favouring
 * whichever task ran while the machine was quiet.
 */
import { Bench } from 'tinybench';

/** One measured task. */
export interface Timing {
  /** Median latency of one run, in milliseconds (median of the per-round medians). */
  medianMs: number;
  /** Fastest per-round median, in milliseconds. */
  bestMs: number;
  /** Rounds the median is over. */
  rounds: number;
  /** Timed runs in all rounds. */
  runs: number;
}

/** Options of {@link measureTogether}. */
export interface MeasureOptions {
  /** Rounds; default 5. */
  rounds?: number;
  /** Least number of timed runs per task and round; default 3. */
  minRuns?: number;
  /** Time budget per task and round in ms (runs go on until both limits are met); default 300. */
  timeMs?: number;
  /** Warm-up runs per task and round; default 1. */
  warmupRuns?: number;
}

async function roundMedian(name: string, fn: () => unknown, options: MeasureOptions) {
  const { minRuns = 3, timeMs = 300, warmupRuns = 1 } = options;
  const bench = new Bench({
    iterations: minRuns,
    time: timeMs,
    warmupIterations: warmupRuns,
    warmupTime: 0,
    throws: true,
  });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed') throw new Error(`benchmark "${name}" did not complete`);
  return { p50: result.latency.p50, runs: result.latency.samplesCount };
}

/**
 * Times several tasks (sync or async functions; an async one must be an `async` function)
 * in alternating rounds.
 * @param tasks - name to one run of the task
 */
export async function measureTogether<K extends string>(
  tasks: Record<K, () => unknown>,
  options: MeasureOptions = {},
): Promise<Record<K, Timing>> {
  const rounds = options.rounds ?? 5;
  const names = Object.keys(tasks) as K[];
  const perRound = new Map<K, number[]>(names.map((n) => [n, []]));
  const runs = new Map<K, number>(names.map((n) => [n, 0]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const result = await roundMedian(name, tasks[name], options);
      perRound.get(name)?.push(result.p50);
      runs.set(name, (runs.get(name) ?? 0) + result.runs);
    }
  }
  const timings = {} as Record<K, Timing>;
  for (const name of names) {
    const medians = perRound.get(name) ?? [];
    timings[name] = {
      medianMs: median(medians),
      bestMs: Math.min(...medians),
      rounds,
      runs: runs.get(name) ?? 0,
    };
  }
  return timings;
}

/** Median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The `q` quantile (0..1) of a non-empty list, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
