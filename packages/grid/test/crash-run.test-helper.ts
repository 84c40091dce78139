import { GridError, Syft, type Job } from '@syft-ts/client';
import { selectBackend } from '@syft-ts/core';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { hostData, param, postJson, stateBytes } from '../src/grid.test-helper.js';
import { freePort, spawnGrid, type ChildGrid } from './child-grid.test-helper.js';
import { cycles, retrieve, seededRandom, sleep, stateArrays } from './suite.test-helper.js';

const PARAMS = 64;

/** Settings of a crash run. */
export interface CrashRunOptions {
  kills: number;
  seed: number;
  workers: number;
  maxDiffs: number;
  numCycles: number;
  /** Give up (and fail) after this long. */
  budgetMs: number;
}

/** A report the grid confirmed: `success`, or 409 on a retry (it had been stored before the crash). */
interface Confirmed {
  /** Hash of the model the worker downloaded: it names the cycle. */
  checkpoint: string;
  diff: number[];
  /** The job that sent it, to send it once more after the run. */
  job: Job;
  how: 'success' | 'stored-before-crash';
}

/** What a crash run observed. */
export interface CrashRunResult {
  kills: number;
  confirmed: Confirmed[];
  /** Reports answered 410 on a retry: not stored, their cycle moved on. */
  abandoned: number;
  /** Job `error` events (connection lost, grid down) the workers carried on after. */
  workerErrors: number;
  /** The kinds of those errors (numbers and ids blanked). */
  errorKinds: Set<string>;
  workersDone: number;
  checkpoints: Uint8Array[];
  cycles: Record<string, unknown>[];
  /** What re-sending every `success` report after the run got (all must be duplicates). */
  resent: string[];
  logErrors: string[];
  leaks: string[];
  durationMs: number;
}

const hashValues = (values: Float32Array): string =>
  createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');

const diffFor = (w: number, attempt: number): number[] =>
  Array.from({ length: PARAMS }, (_, j) =>
    Math.fround(0.001 * (((w * 7 + attempt * 3 + j) % 11) + 1)),
  );

/** Requests a cycle and resolves with the first event of the job. */
function outcome(
  job: Job,
  errors: Set<string>,
): Promise<'accepted' | 'done' | 'rejected' | 'error'> {
  return new Promise((resolve) => {
    job.on('accepted', () => resolve('accepted'));
    job.on('rejected', ({ timeout }) => resolve(timeout === null ? 'done' : 'rejected'));
    job.on('error', (error) => {
      if (errors.size < 20) errors.add(error.message.replace(/[0-9a-f-]{36}|\d+/g, 'N'));
      resolve('error');
    });
    void job.request();
  });
}

/**
 * Sends a report until the grid answers: success, 409 (it was stored before the reply got
 * lost) or 410 (it was not, and its cycle closed). A lost connection means "send it again".
 */
async function reportUntilAnswered(
  job: Job,
  diff: number[],
  stopAtMs: number,
): Promise<'success' | 'stored-before-crash' | 'closed' | 'gave-up'> {
  const bytes = stateBytes([param([PARAMS], diff)]);
  while (Date.now() < stopAtMs) {
    try {
      await job.report(bytes);
      return 'success';
    } catch (error) {
      if (error instanceof GridError && /already accepted/.test(error.message)) {
        return 'stored-before-crash';
      }
      if (error instanceof GridError && /is closed/.test(error.message)) return 'closed';
      if (error instanceof GridError) throw error;
      await sleep(100);
    }
  }
  return 'gave-up';
}

/** One worker of the real client library: joins cycles until the process is complete. */
async function runWorker(
  w: number,
  url: string,
  result: CrashRunResult,
  stopAtMs: number,
): Promise<void> {
  const worker = new Syft({
    url,
    verbose: true,
    logLevel: 'error',
    logSink: () => undefined,
    requestTimeoutMs: 5000,
  });
  try {
    for (let attempt = 0; Date.now() < stopAtMs; attempt++) {
      const job = worker.newJob({ modelName: 'crash', modelVersion: '1.0' });
      const event = await outcome(job, result.errorKinds);
      if (event === 'done') {
        result.workersDone++;
        return;
      }
      if (event !== 'accepted') {
        if (event === 'error') result.workerErrors++;
        await sleep(50 + ((w * 37 + attempt * 11) % 200));
        continue;
      }
      const checkpoint = hashValues(Float32Array.from(job.model!.params[0]!.dataSync()));
      const diff = diffFor(w, attempt);
      job.releaseCycle();
      const status = await reportUntilAnswered(job, diff, stopAtMs);
      if (status === 'success' || status === 'stored-before-crash') {
        result.confirmed.push({ checkpoint, diff, how: status, job });
      } else {
        result.abandoned++;
      }
    }
  } finally {
    worker.close();
  }
}

/**
 * Runs workers of `@syft-ts/client` (half over WebSocket, half over HTTP) against a child
 * grid and SIGKILLs the grid at `kills` seeded random moments, restarting it each time on the
 * same data folder and port.
 */
export async function runCrashScenario(options: CrashRunOptions): Promise<CrashRunResult> {
  await selectBackend('cpu');
  const startedMs = Date.now();
  const random = seededRandom(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'syft-crash-run-'));
  const port = await freePort();
  const result: CrashRunResult = {
    kills: 0,
    confirmed: [],
    abandoned: 0,
    workerErrors: 0,
    errorKinds: new Set(),
    workersDone: 0,
    checkpoints: [],
    cycles: [],
    resent: [],
    logErrors: [],
    leaks: [],
    durationMs: 0,
  };
  let grid: ChildGrid = await spawnGrid(dataDir, port);
  const watch = new Set([grid.ownerToken]);
  const collect = (g: ChildGrid): void => {
    result.logErrors.push(...g.log.errors);
    result.leaks.push(...g.log.leaks);
  };
  try {
    const hosted = await postJson(
      `${grid.url}/model-centric/host-training`,
      hostData({
        name: 'crash',
        model: [
          param(
            [PARAMS],
            Array.from({ length: PARAMS }, (_, j) => j / PARAMS),
          ),
        ],
        serverConfig: {
          cycle_length: 3600,
          max_diffs: options.maxDiffs,
          num_cycles: options.numCycles,
        },
      }),
      { authorization: `Bearer ${grid.ownerToken}` },
    );
    expect(hosted.status).toBe(200);
    const stopAtMs = startedMs + options.budgetMs;
    const workers = Array.from({ length: options.workers }, (_, w) =>
      runWorker(w, w % 2 === 0 ? grid.wsUrl : grid.url, result, stopAtMs),
    );

    // Each kill waits for a seeded number of reports confirmed since the last restart (at
    // most 3 s), so the workers are busy when it lands, however fast the grid is, and the run
    // cannot finish before the last kill.
    for (let k = 0; k < options.kills && result.workersDone === 0; k++) {
      const target = result.confirmed.length + 1 + Math.floor(random() * 3 * options.maxDiffs);
      const latestMs = Date.now() + 3000;
      while (result.confirmed.length < target && Date.now() < latestMs) {
        await sleep(5 + random() * 20);
      }
      if (result.workersDone > 0) break;
      await grid.kill();
      result.kills++;
      collect(grid);
      await sleep(random() * 300);
      grid = await spawnGrid(dataDir, port, watch);
    }
    await Promise.all(workers);

    result.cycles = await cycles(grid);
    for (let n = 1; n <= result.cycles.length + 1; n++) {
      result.checkpoints.push(
        await retrieve(grid, 'crash', { checkpoint: n }).catch(() => new Uint8Array()),
      );
    }
    for (const c of result.confirmed.filter((c) => c.how === 'success')) {
      const again = await c.job.report(stateBytes([param([PARAMS], c.diff)])).then(
        () => 'success',
        (error: Error) => (/already accepted/.test(error.message) ? 'duplicate' : error.message),
      );
      result.resent.push(again);
    }
  } finally {
    expect(await grid.stop()).toBe(0);
    collect(grid);
    rmSync(dataDir, { recursive: true, force: true });
  }
  result.durationMs = Date.now() - startedMs;
  return result;
}

/**
 * Asserts the run completed and every checkpoint is previous − mean of exactly the reports
 * confirmed for its cycle, recomputed here from the diffs the workers sent.
 */
export function expectCrashRunCorrect(result: CrashRunResult, options: CrashRunOptions): void {
  expect(result.kills).toBe(options.kills);
  expect(result.workersDone).toBe(options.workers);
  expect(result.cycles).toHaveLength(options.numCycles);
  expect(result.cycles.every((c) => c.status === 'completed')).toBe(true);
  expect(result.resent.filter((s) => s !== 'duplicate')).toEqual([]);
  expect(result.logErrors).toEqual([]);
  expect(result.leaks).toEqual([]);

  const byCheckpoint = new Map<string, Confirmed[]>();
  for (const c of result.confirmed) {
    byCheckpoint.set(c.checkpoint, [...(byCheckpoint.get(c.checkpoint) ?? []), c]);
  }
  for (let k = 1; k <= options.numCycles; k++) {
    const before = stateArrays(result.checkpoints[k - 1]!)[0]!;
    const after = stateArrays(result.checkpoints[k]!)[0]!;
    const included = byCheckpoint.get(hashValues(before)) ?? [];
    expect(included.length, `cycle ${k}: confirmed reports`).toBe(result.cycles[k - 1]!.reports);
    for (let j = 0; j < PARAMS; j++) {
      const mean = included.reduce((sum, c) => sum + c.diff[j]!, 0) / included.length;
      const error = Math.abs(after[j]! - Math.fround(before[j]! - mean));
      expect(error, `cycle ${k} value ${j}`).toBeLessThanOrEqual(1e-6);
    }
  }
}

/** One line of numbers for the test output and docs/robustness.md. */
export function crashRunSummary(result: CrashRunResult): string {
  const stored = result.confirmed.filter((c) => c.how === 'stored-before-crash').length;
  return JSON.stringify({
    kills: result.kills,
    seconds: Math.round(result.durationMs / 1000),
    cycles: result.cycles.length,
    confirmedReports: result.confirmed.length,
    storedBeforeCrashConfirmedOnRetry: stored,
    refusedAsLate: result.abandoned,
    workerErrorsCarriedOn: result.workerErrors,
    errorKinds: [...result.errorKinds],
  });
}
