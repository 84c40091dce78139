import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  hostData,
  param,
  postJson,
  WsClient,
} from '../src/grid.test-helper.js';
import { buildGrid, rssMiB, spawnGrid, type ChildGrid } from './child-grid.test-helper.js';
import { cycles, retrieve, sleep, stateArrays } from './suite.test-helper.js';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const WORKERS = Number(process.env.SOAK_WORKERS ?? 1000);
const PER_CYCLE = Number(process.env.SOAK_PER_CYCLE ?? 100);
const PARAMS = 1000;
const SAMPLE_EVERY_MS = 10_000;
const REPORT_FILE = process.env.SOAK_REPORT ?? join(tmpdir(), 'syft-soak-load.json');

/** Worker `w`'s diff in its round `r`: small positive float32 values, different per report. */
const diffValues = (w: number, r: number): number[] =>
  Array.from({ length: PARAMS }, (_, j) => Math.fround(0.0005 * (((w * 31 + r * 7 + j) % 13) + 1)));

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

interface Acknowledged {
  /** The checkpoint the worker trained on, by hash: it names the cycle. */
  checkpoint: string;
  worker: number;
  round: number;
}

interface Tally {
  acknowledged: Acknowledged[];
  rejected: Record<string, number>;
  late: number;
  errors: string[];
}

/** One worker: authenticates once, then requests cycles, downloads, "trains" and reports. */
async function runWorker(
  grid: ChildGrid,
  w: number,
  stopAtMs: number,
  tally: Tally,
): Promise<void> {
  const useHttp = w % 5 === 0;
  const ws = await WsClient.connect(grid.wsUrl);
  const send = async (type: string, data: Record<string, unknown>) => {
    if (!useHttp)
      return ((await ws.request(`model-centric/${type}`, data)).data ?? {}) as Record<
        string,
        unknown
      >;
    const reply = await postJson(`${grid.url}/model-centric/${type}`, data);
    return reply.status === 200 ? reply.body : { ...reply.body, httpStatus: reply.status };
  };
  try {
    const auth = await send('authenticate', { model_name: 'soak', model_version: '1.0' });
    const workerId = auth.worker_id as string;
    if (typeof workerId !== 'string') throw new Error(`authenticate: ${JSON.stringify(auth)}`);
    for (let round = 0; Date.now() < stopAtMs; round++) {
      const cycle = await send('cycle-request', {
        worker_id: workerId,
        model: 'soak',
        version: '1.0',
      });
      if (
        cycle.status === 'rejected' &&
        typeof cycle.reason === 'string' &&
        cycle.error === undefined
      ) {
        tally.rejected[cycle.reason] = (tally.rejected[cycle.reason] ?? 0) + 1;
        await sleep(500 + Math.random() * 2500);
        continue;
      }
      if (cycle.status !== 'accepted') throw new Error(`cycle-request: ${JSON.stringify(cycle)}`);
      const model = await getBytes(
        `${grid.url}/model-centric/get-model?worker_id=${workerId}&request_key=${String(cycle.request_key)}&model_id=${String(cycle.model_id)}`,
      );
      if (model.status !== 200) throw new Error(`get-model: ${model.status}`);
      await sleep(Math.random() * 1000);
      const reply = await send('report', {
        worker_id: workerId,
        request_key: cycle.request_key,
        diff: diffBase64([param([PARAMS], diffValues(w, round))]),
      });
      if (reply.status === 'success') {
        tally.acknowledged.push({ checkpoint: sha(model.bytes), worker: w, round });
      } else if (reply.httpStatus === 410 || /is closed/.test(String(reply.error))) {
        tally.late++;
      } else {
        throw new Error(`report: ${JSON.stringify(reply)}`);
      }
    }
  } catch (error) {
    tally.errors.push(`worker ${w}: ${(error as Error).message}`);
  } finally {
    ws.close();
  }
}

describe(`load: ${WORKERS} concurrent workers for ${MINUTES} minutes (soak)`, () => {
  let dataDir: string;
  let grid: ChildGrid;
  beforeAll(async () => {
    buildGrid();
    dataDir = mkdtempSync(join(tmpdir(), 'syft-soak-load-'));
    // The log goes to a file: a pipe read by this busy process would make the grid buffer lines.
    grid = await spawnGrid(dataDir, 0, new Set(), `${dataDir}.log`);
  });
  afterAll(async () => {
    await grid.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.log`, { force: true });
  });

  it(
    'answers every request, keeps memory flat and computes every checkpoint from exactly the acknowledged reports',
    async () => {
      const initial = Array.from({ length: PARAMS }, (_, j) => (j % 100) / 100);
      const hosted = await postJson(
        `${grid.url}/model-centric/host-training`,
        hostData({
          name: 'soak',
          model: [param([PARAMS], initial)],
          serverConfig: {
            cycle_length: 300,
            num_cycles: 0,
            max_workers: PER_CYCLE,
            max_diffs: PER_CYCLE,
          },
        }),
        { authorization: `Bearer ${grid.ownerToken}` },
      );
      expect(hosted.status).toBe(200);
      const tally: Tally = { acknowledged: [], rejected: {}, late: 0, errors: [] };
      const startedMs = Date.now();
      const stopAtMs = startedMs + MINUTES * 60_000;
      const memory: { seconds: number; rssMiB: number }[] = [];
      const sampler = setInterval(() => {
        memory.push({
          seconds: Math.round((Date.now() - startedMs) / 1000),
          rssMiB: rssMiB(grid.pid),
        });
      }, SAMPLE_EVERY_MS);

      // Workers arrive over the first ten seconds, then all run until the end.
      await Promise.all(
        Array.from({ length: WORKERS }, async (_, w) => {
          await sleep((w / WORKERS) * 10_000);
          await runWorker(grid, w, stopAtMs, tally);
        }),
      );
      clearInterval(sampler);
      memory.push({
        seconds: Math.round((Date.now() - startedMs) / 1000),
        rssMiB: rssMiB(grid.pid),
      });

      // Every cycle's checkpoint, recomputed from the diffs the workers sent and got success for.
      const list = await cycles(grid);
      const byCheckpoint = new Map<string, Acknowledged[]>();
      for (const a of tally.acknowledged) {
        byCheckpoint.set(a.checkpoint, [...(byCheckpoint.get(a.checkpoint) ?? []), a]);
      }
      let worstError = 0;
      let checkedCycles = 0;
      for (const cycle of list) {
        const base = await retrieve(grid, 'soak', { checkpoint: cycle.sequence as number });
        const reports = byCheckpoint.get(sha(base)) ?? [];
        expect(reports.length, `cycle ${String(cycle.sequence)} reports`).toBe(cycle.reports);
        if (cycle.status !== 'completed') continue;
        const mean = new Float64Array(PARAMS);
        for (const a of reports) {
          diffValues(a.worker, a.round).forEach(
            (v, j) => (mean[j] = mean[j]! + v / reports.length),
          );
        }
        const before = stateArrays(base)[0]!;
        const after = stateArrays(
          await retrieve(grid, 'soak', { checkpoint: cycle.checkpoint_number as number }),
        )[0]!;
        for (let j = 0; j < PARAMS; j++) {
          worstError = Math.max(
            worstError,
            Math.abs(after[j]! - Math.fround(before[j]! - mean[j]!)),
          );
        }
        checkedCycles++;
      }

      const postWarmup = memory.filter((m) => m.seconds >= Math.min(120, MINUTES * 15));
      const third = Math.max(1, Math.floor(postWarmup.length / 3));
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const early = median(postWarmup.slice(0, third).map((m) => m.rssMiB));
      const late = median(postWarmup.slice(-third).map((m) => m.rssMiB));
      const summary = {
        workers: WORKERS,
        minutes: MINUTES,
        elapsedSeconds: Math.round((Date.now() - startedMs) / 1000),
        acknowledgedReports: tally.acknowledged.length,
        lateReports: tally.late,
        rejections: tally.rejected,
        cycles: list.length,
        completedCycles: checkedCycles,
        worstCheckpointError: worstError,
        gridLogLines: grid.log.lines,
        gridErrorLines: grid.log.errors.length,
        workerErrors: tally.errors.length,
        rssEarlyMiB: early,
        rssLateMiB: late,
        memory,
      };
      writeFileSync(REPORT_FILE, JSON.stringify(summary, null, 2));
      console.log(JSON.stringify({ ...summary, memory: undefined }));

      expect(tally.errors.slice(0, 5)).toEqual([]);
      expect(grid.log.errors.slice(0, 3)).toEqual([]);
      expect(checkedCycles).toBeGreaterThan(0);
      expect(worstError).toBeLessThanOrEqual(1e-5);
      expect(late).toBeLessThanOrEqual(early * 1.25 + 16);
    },
    (MINUTES + 10) * 60_000,
  );
});
