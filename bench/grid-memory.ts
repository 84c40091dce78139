/**
 * Peak memory of the grid over one cycle of many reports (D6: O(model size), not O(reports)).
 *
 *   npx tsc -b packages/grid && npx tsx bench/grid-memory.ts [--reports 1000] [--params 300000]
 *
 * Starts the built grid CLI as a child process, hosts a model of `--params` float32 values,
 * admits `--reports` workers into one cycle and sends one report each, then reads the child's
 * peak resident set (VmHWM, Linux) and prints it as a ratio to the model's size, next to the
 * peak measured after hosting (the baseline of the same run). Not part of `npm test`.
 */
import { bytesToBase64, bytesToHex, encodeState, stateFromArrays } from '@syft-ts/core';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000' },
    params: { type: 'string', default: '300000' },
    concurrency: { type: 'string', default: '4' },
  },
});
const REPORTS = Number(args.reports);
const PARAMS = Number(args.params);
const CONCURRENCY = Number(args.concurrency);
const MIB = 1024 * 1024;

const peakRssBytes = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kib) * 1024;
};

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const dataDir = mkdtempSync(join(tmpdir(), 'syft-grid-bench-'));
const child = spawn(
  process.execPath,
  ['packages/grid/dist/bin.js', '--port', '0', '--data', dataDir],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((resolve) => {
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
    if (match?.[1]) resolve(match[1]);
  });
});
const pid = child.pid ?? 0;
const ownerToken = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();

try {
  const model = new Float32Array(PARAMS).map((_, i) => i / PARAMS);
  const modelBytes = encodeState(stateFromArrays([{ shape: [PARAMS], values: model }]));
  const plan = readFileSync('/work/shared/vectors/pysyft-plans.json', 'utf8');
  const bandit = Buffer.from(
    (JSON.parse(plan) as Record<string, string>).BANDIT_SIMPLE_PLAN,
    'base64',
  );
  const hosted = await post(
    `${url}/model-centric/host-training`,
    {
      model: bytesToHex(modelBytes),
      plans: { training_plan: bytesToHex(bandit) },
      client_config: { name: 'bench', version: '1' },
      server_config: { cycle_length: 86_400, max_diffs: REPORTS },
    },
    { authorization: `Bearer ${ownerToken}` },
  );
  if (hosted.status !== 200) throw new Error(`hosting failed: ${JSON.stringify(hosted.body)}`);

  const workers: { id: string; key: string }[] = [];
  for (let i = 0; i < REPORTS; i++) {
    const auth = await post(`${url}/model-centric/authenticate`, { model_name: 'bench' });
    const cycle = await post(`${url}/model-centric/cycle-request`, {
      worker_id: auth.body.worker_id,
      model: 'bench',
      version: '1',
    });
    workers.push({ id: auth.body.worker_id as string, key: cycle.body.request_key as string });
  }
  const baseline = peakRssBytes(pid);

  const diff = bytesToBase64(
    encodeState(
      stateFromArrays([{ shape: [PARAMS], values: new Float32Array(PARAMS).fill(0.001) }]),
    ),
  );
  const started = performance.now();
  let next = 0;
  let done = 0;
  const milestones = new Map<number, number>();
  const sender = async (): Promise<void> => {
    while (next < workers.length) {
      const w = workers[next++];
      const reply = await post(`${url}/model-centric/report`, {
        worker_id: w.id,
        request_key: w.key,
        diff,
      });
      if (reply.status !== 200) throw new Error(`report failed: ${JSON.stringify(reply.body)}`);
      done++;
      if (done % Math.max(1, Math.floor(REPORTS / 4)) === 0)
        milestones.set(done, peakRssBytes(pid));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssBytes(pid);
  const cycles = (await (await fetch(`${url}/api/processes/1/cycles`)).json()) as {
    status: string;
  }[];

  const modelSize = PARAMS * 4;
  console.log(`model: ${PARAMS} float32 parameters = ${(modelSize / MIB).toFixed(2)} MiB`);
  console.log(
    `reports: ${REPORTS} in ${seconds.toFixed(1)} s; cycle 1 ${cycles[0]?.status ?? '?'}`,
  );
  console.log(`peak RSS after hosting (baseline): ${(baseline / MIB).toFixed(1)} MiB`);
  console.log(`peak RSS after ${REPORTS} reports:  ${(peak / MIB).toFixed(1)} MiB`);
  for (const [count, rss] of milestones) {
    console.log(
      `  peak RSS after ${String(count).padStart(5)} reports: ${(rss / MIB).toFixed(1)} MiB`,
    );
  }
  console.log(`growth over baseline / model size: ${((peak - baseline) / modelSize).toFixed(2)}x`);
  console.log(`peak RSS / model size:             ${(peak / modelSize).toFixed(1)}x`);
  console.log(`all diffs / model size (what O(reports) would hold): ${REPORTS}x`);
} finally {
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
