/**
 * Section 3, grid ingestion: a grid child process receives 10, 100 and 1,000 reports of a
 * 311,650-parameter diff in one cycle (`max_diffs` = reports, so the last report also closes
 * the cycle and writes the averaged checkpoint). Every report comes from its own
 * authenticated worker with an accepted cycle request; the reports travel over a pool of
 * WebSocket connections on 127.0.0.1, one report in flight per connection.
 *
 * Measured: reports per second (first report sent to last reply) and the child's peak
 * resident set minus its peak before the first report, divided by the model size (D6: the
 * growth should be a small multiple of the model size, whatever the number of reports).
 */
import * as tf from '@tensorflow/tfjs';
import {
  arraysFromState,
  bytesToBase64,
  decodeState,
  encodeState,
  selectBackend,
  stateFromArrays,
} from '@syft-ts/core';
import { measureTogether } from './measure.js';
import { startGridProcess, type GridProcess } from './grid-process.js';
import { buildMlpFixture, type MlpFixture } from './mnist-mlp-fixture.js';
import { times, type ResultRow, type SectionResult } from './report.js';
import { admitWorkers } from './worker-admission.js';
import { openConnections, type GridConnection } from './ws-connection.js';

const REPORT_COUNTS = (process.env.SYFT_BENCH_REPORTS ?? '10,100,1000').split(',').map(Number);
const CONNECTIONS = 8;
const TARGET_REPORTS_PER_SECOND = 400;
const MIB = 1024 * 1024;

interface IngestionRun {
  reports: number;
  seconds: number;
  baselinePeakBytes: number;
  peakBytes: number;
  cycleStatus: string;
}

/** A diff of the model's shapes with small values, base64 of its serialized State. */
function diffBase64(fixture: MlpFixture): string {
  const state = stateFromArrays(
    fixture.paramShapes.map((shape) => ({
      shape,
      values: new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(0.001),
    })),
  );
  return bytesToBase64(encodeState(state));
}

async function sendReports(
  connections: GridConnection[],
  workers: { workerId: string; requestKey: string }[],
  diff: Buffer,
): Promise<void> {
  const suffix = Buffer.from('"}}');
  let next = 0;
  await Promise.all(
    connections.map(async (conn) => {
      while (next < workers.length) {
        const worker = workers[next++] as { workerId: string; requestKey: string };
        const id = conn.nextId();
        // The frame is assembled from bytes: the 1.7 MB diff is encoded once, not per report.
        const head = Buffer.from(
          `{"type":"model-centric/report","request_id":"${id}","data":{"worker_id":` +
            `"${worker.workerId}","request_key":"${worker.requestKey}","diff":"`,
        );
        const reply = await conn.requestRaw(id, Buffer.concat([head, diff, suffix]));
        if (reply.data?.status !== 'success') {
          throw new Error(`report refused: ${JSON.stringify(reply).slice(0, 300)}`);
        }
      }
    }),
  );
}

/**
 * The least work any grid of this protocol does per report, in this process, on one core:
 * UTF-8 text of the frame, `JSON.parse`, base64 decode (Node's `Buffer`), decode the
 * `State`, and fold the float32 values into a float64 running sum. No socket, no storage, no
 * validation. Its rate is the baseline the grid's rate is compared with.
 */
async function wireFloorMs(diff: Buffer, paramCount: number): Promise<number> {
  const frame = Buffer.concat([
    Buffer.from(
      '{"type":"model-centric/report","request_id":"r1","data":{"worker_id":"w",' +
        '"request_key":"k","diff":"',
    ),
    diff,
    Buffer.from('"}}'),
  ]);
  const sum = new Float64Array(paramCount);
  const { floor } = await measureTogether({
    floor: () => {
      const message = JSON.parse(frame.toString('utf8')) as { data: { diff: string } };
      const bytes = Buffer.from(message.data.diff, 'base64');
      const arrays = arraysFromState(decodeState(bytes));
      let offset = 0;
      for (const { values } of arrays) {
        for (let i = 0; i < values.length; i++) {
          sum[offset + i] = (sum[offset + i] as number) + (values[i] as number);
        }
        offset += values.length;
      }
    },
  });
  return floor.medianMs;
}

async function ingest(fixture: MlpFixture, reports: number, diff: Buffer): Promise<IngestionRun> {
  const grid: GridProcess = await startGridProcess();
  let connections: GridConnection[] = [];
  try {
    await grid.host({
      name: 'bench-mlp',
      version: '1.0',
      modelBytes: fixture.modelBytes,
      trainingPlanBytes: fixture.planBytes,
      serverConfig: { cycle_length: 86_400, max_workers: reports, max_diffs: reports },
    });
    connections = await openConnections(grid.wsUrl, CONNECTIONS);
    const workers = await admitWorkers(connections, reports, 'bench-mlp', '1.0');
    const baselinePeakBytes = grid.memory().peakRssBytes;

    const started = performance.now();
    await sendReports(connections, workers, diff);
    const seconds = (performance.now() - started) / 1000;

    const peakBytes = grid.memory().peakRssBytes;
    const statuses = await grid.cycleStatuses();
    return { reports, seconds, baselinePeakBytes, peakBytes, cycleStatus: statuses[0] ?? '?' };
  } finally {
    connections.forEach((c) => c.close());
    await grid.stop();
  }
}

/** Runs section 3. */
export async function benchIngestion(): Promise<SectionResult> {
  await selectBackend('wasm');
  const fixture = buildMlpFixture();
  const diff = Buffer.from(diffBase64(fixture));
  const modelBytes = fixture.paramCount * 4;
  tf.engine().startScope();
  const runs: IngestionRun[] = [];
  try {
    for (const reports of REPORT_COUNTS) {
      process.stderr.write(`bench: ingestion of ${reports} reports...\n`);
      runs.push(await ingest(fixture, reports, diff));
    }
  } finally {
    tf.engine().endScope();
  }

  const floorMs = await wireFloorMs(diff, fixture.paramCount);
  const floorRate = 1000 / floorMs;

  const rows: ResultRow[] = [
    {
      what: 'baseline: wire floor, one core, no socket/storage (reports per second)',
      value: `${floorRate.toFixed(0)} /s`,
      ratio: '',
      target: '',
      pass: null,
    },
  ];
  rows.push(
    ...runs.flatMap((run): ResultRow[] => {
      const rate = run.reports / run.seconds;
      const growth = (run.peakBytes - run.baselinePeakBytes) / modelBytes;
      return [
        {
          what: `${run.reports} reports: reports per second`,
          value: `${rate.toFixed(0)} /s`,
          ratio: `${times(rate / floorRate)} floor`,
          target: `>= ${TARGET_REPORTS_PER_SECOND} /s`,
          pass: rate >= TARGET_REPORTS_PER_SECOND,
        },
        {
          what: `${run.reports} reports: peak RSS (baseline before reports)`,
          value: `${(run.peakBytes / MIB).toFixed(0)} MiB (${(run.baselinePeakBytes / MIB).toFixed(0)} MiB)`,
          ratio: `${times(growth)} model`,
          target: '',
          pass: null,
        },
      ];
    }),
  );
  // O(model size): from the second-largest run to the largest, each extra report may add
  // only a small fraction of a model to the peak; O(reports x model) would add at least one.
  if (runs.length >= 2) {
    const [a, b] = runs.slice(-2) as [IngestionRun, IngestionRun];
    const growth = (r: IngestionRun): number => (r.peakBytes - r.baselinePeakBytes) / modelBytes;
    const slope = (growth(b) - growth(a)) / (b.reports - a.reports);
    rows.push({
      what: `extra peak RSS per extra report, ${a.reports} to ${b.reports} reports`,
      value: `${slope.toFixed(3)} model sizes`,
      ratio: '',
      target: '< 0.05 (O(reports x model) would be >= 1)',
      pass: slope < 0.05,
    });
  }
  return {
    title: '3. Grid ingestion (311,650-parameter diffs, one cycle)',
    method:
      `A grid child process (\`packages/grid/dist/bin.js\`, its default logging) receives N ` +
      `reports from N workers over ${CONNECTIONS} WebSocket connections (one report in flight ` +
      `each). Diff frame: ${(diff.length / MIB).toFixed(2)} MiB of base64; model size: ` +
      `${(modelBytes / MIB).toFixed(2)} MiB of float32. Peak RSS is the child's VmHWM; the ` +
      'ratio column is (peak after the reports - peak before the first report) / model size.',
    rows,
    notes: runs.map(
      (r) =>
        `${r.reports} reports in ${r.seconds.toFixed(2)} s; cycle 1 afterwards: ${r.cycleStatus}.`,
    ),
  };
}
