/**
 * Section 4, admission: N workers, each on its own WebSocket connection to a grid child
 * process, are authenticated first; then all N send their cycle-request at the same moment
 * (a burst, the worst case of "N concurrent workers"). Measured: each request's latency (send
 * to reply, p50/p99) and throughput (N over the time from the first send to the last reply).
 * The process admits everyone (`max_workers` = N), so every request does the full work of an
 * accepted worker.
 */
import { selectBackend } from '@syft-ts/core';
import { startGridProcess } from './grid-process.js';
import { quantile } from './measure.js';
import { buildMlpFixture, type MlpFixture } from './mnist-mlp-fixture.js';
import { ms, type ResultRow, type SectionResult } from './report.js';
import { authenticateWorker, requestCycle } from './worker-admission.js';
import { openConnections, type GridConnection } from './ws-connection.js';

const WORKER_COUNTS = (process.env.SYFT_BENCH_WORKERS ?? '100,1000').split(',').map(Number);
const TARGET_P99_MS = 50;
/** Workers and arrival rate of the paced run: requests spread over time, not a burst. */
const PACED_WORKERS = 1000;
const PACED_PER_SECOND = 100;

interface AdmissionRun {
  workers: number;
  latenciesMs: number[];
  seconds: number;
  authSeconds: number;
}

/**
 * Hosts a process for `workers` workers on a fresh grid child, connects and authenticates
 * them, then runs `send` (which sends the cycle-requests and returns their latencies).
 */
async function withAdmittedConnections(
  fixture: MlpFixture,
  workers: number,
  send: (connections: GridConnection[], ids: string[]) => Promise<number[]>,
): Promise<AdmissionRun> {
  const grid = await startGridProcess();
  let connections: GridConnection[] = [];
  try {
    await grid.host({
      name: 'bench-mlp',
      version: '1.0',
      modelBytes: fixture.modelBytes,
      trainingPlanBytes: fixture.planBytes,
      serverConfig: { cycle_length: 86_400, max_workers: workers, max_diffs: workers },
    });
    connections = await openConnections(grid.wsUrl, workers);
    const authStarted = performance.now();
    const ids = await Promise.all(connections.map((c) => authenticateWorker(c, 'bench-mlp')));
    const authSeconds = (performance.now() - authStarted) / 1000;

    const started = performance.now();
    const latenciesMs = await send(connections, ids);
    const seconds = (performance.now() - started) / 1000;
    return { workers, latenciesMs, seconds, authSeconds };
  } finally {
    connections.forEach((c) => c.close());
    await grid.stop();
  }
}

const timedRequest = async (conn: GridConnection, id: string): Promise<number> => {
  const sent = performance.now();
  await requestCycle(conn, id, 'bench-mlp', '1.0');
  return performance.now() - sent;
};

/** All workers send their cycle-request at once. */
function admitBurst(fixture: MlpFixture, workers: number): Promise<AdmissionRun> {
  return withAdmittedConnections(fixture, workers, (connections, ids) =>
    Promise.all(connections.map((conn, i) => timedRequest(conn, ids[i] as string))),
  );
}

/** Worker i sends its cycle-request at i / PACED_PER_SECOND seconds. */
function admitPaced(fixture: MlpFixture, workers: number): Promise<AdmissionRun> {
  return withAdmittedConnections(fixture, workers, (connections, ids) =>
    Promise.all(
      connections.map(
        (conn, i) =>
          new Promise<number>((resolve, reject) => {
            setTimeout(
              () => {
                timedRequest(conn, ids[i] as string).then(resolve, reject);
              },
              (1000 * i) / PACED_PER_SECOND,
            );
          }),
      ),
    ),
  );
}

/** Runs section 4. */
export async function benchAdmission(): Promise<SectionResult> {
  await selectBackend('wasm');
  const fixture = buildMlpFixture();
  const runs: AdmissionRun[] = [];
  for (const workers of WORKER_COUNTS) {
    process.stderr.write(`bench: admission of ${workers} workers...\n`);
    runs.push(await admitBurst(fixture, workers));
  }
  process.stderr.write(`bench: admission of ${PACED_WORKERS} workers, paced...\n`);
  const paced = await admitPaced(fixture, PACED_WORKERS);
  const rows: ResultRow[] = runs.flatMap((run) => {
    const p50 = quantile(run.latenciesMs, 0.5);
    const p99 = quantile(run.latenciesMs, 0.99);
    const checked = run.workers === 1000;
    return [
      {
        what: `${run.workers} workers: cycle-requests per second`,
        value: `${(run.workers / run.seconds).toFixed(0)} /s`,
        ratio: '',
        target: '',
        pass: null,
      },
      {
        what: `${run.workers} workers: latency p50`,
        value: ms(p50),
        ratio: '',
        target: '',
        pass: null,
      },
      {
        what: `${run.workers} workers: latency p99`,
        value: ms(p99),
        ratio: '',
        target: checked ? `< ${TARGET_P99_MS} ms` : '',
        pass: checked ? p99 < TARGET_P99_MS : null,
      },
    ];
  });
  rows.push(
    {
      what: `${PACED_WORKERS} connected workers, requests paced at ${PACED_PER_SECOND}/s: latency p50`,
      value: ms(quantile(paced.latenciesMs, 0.5)),
      ratio: '',
      target: '',
      pass: null,
    },
    {
      what: `${PACED_WORKERS} connected workers, requests paced at ${PACED_PER_SECOND}/s: latency p99`,
      value: ms(quantile(paced.latenciesMs, 0.99)),
      ratio: '',
      target: '',
      pass: null,
    },
  );
  return {
    title: '4. Admission (cycle-request bursts)',
    method:
      'N workers on N WebSocket connections to a grid child process; all authenticate, then ' +
      'all send cycle-request at once. Latency is per request, send to reply, in the ' +
      'client (which runs on the same 2 cores); every request is accepted.',
    rows,
    notes: runs.map(
      (r) =>
        `${r.workers} workers: burst served in ${r.seconds.toFixed(2)} s; the ` +
        `${r.workers} authentications before it took ${r.authSeconds.toFixed(2)} s.`,
    ),
  };
}
