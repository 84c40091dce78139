import { arraysFromState, decodeState } from '@syft-ts/core';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffBase64, getBytes, hostData, param, postJson } from './grid.test-helper.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SIZE = 20_000;
const WORKERS = 30;

/** Starts the built grid CLI as a child process and resolves with its URL. */
async function spawnGrid(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(
    process.execPath,
    [join(root, 'packages/grid/dist/bin.js'), '--port', '0', '--data', dataDir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`grid exited early (${code}): ${out}`)));
  });
  return { child, url, output: () => out };
}

const diffOf = (i: number): number[] =>
  Array.from({ length: SIZE }, (_, j) => ((i + 1) * (j % 7)) / 10);

describe('durability (D12)', () => {
  let dataDir: string;
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-b', 'packages/grid'], { cwd: root, stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'syft-grid-crash-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged report across SIGKILL and computes the checkpoint from exactly the stored reports', async () => {
    const first = await spawnGrid(dataDir);
    const ownerToken = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();
    const initial = Array.from({ length: SIZE }, (_, j) => j / 100);
    await postJson(
      `${first.url}/model-centric/host-training`,
      hostData({
        model: [param([SIZE], initial)],
        serverConfig: { cycle_length: 3600, max_diffs: WORKERS },
      }),
      { authorization: `Bearer ${ownerToken}` },
    );
    const workers: { workerId: string; key: string }[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const auth = await postJson(`${first.url}/model-centric/authenticate`, {
        model_name: 'bandit',
      });
      const cycle = await postJson(`${first.url}/model-centric/cycle-request`, {
        worker_id: auth.body.worker_id,
        model: 'bandit',
        version: '1.0',
      });
      workers.push({
        workerId: auth.body.worker_id as string,
        key: cycle.body.request_key as string,
      });
    }
    const diffs = workers.map((_, i) => diffBase64([param([SIZE], diffOf(i))]));
    const reportTo = (url: string, i: number) =>
      postJson(`${url}/model-centric/report`, {
        worker_id: workers[i]!.workerId,
        request_key: workers[i]!.key,
        diff: diffs[i],
      });

    // Report concurrently and kill the grid once a few reports were acknowledged.
    const acknowledged = new Set<number>();
    let killed = false;
    await Promise.all(
      workers.map((_, i) =>
        reportTo(first.url, i).then(
          (reply) => {
            if (reply.status === 200 && !killed) acknowledged.add(i);
            if (acknowledged.size >= 5 && !killed) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          },
          () => undefined,
        ),
      ),
    );
    await new Promise((resolve) =>
      first.child.exitCode !== null || first.child.signalCode !== null
        ? resolve(null)
        : first.child.once('exit', resolve),
    );

    const second = await spawnGrid(dataDir);
    try {
      // Every acknowledged report is stored: sending it again is a duplicate.
      for (const i of acknowledged) {
        expect((await reportTo(second.url, i)).status).toBe(409);
      }
      // Finish the cycle with the others (those stored but unacknowledged also answer 409).
      for (let i = 0; i < WORKERS; i++) {
        if (acknowledged.has(i)) continue;
        expect([200, 409]).toContain((await reportTo(second.url, i)).status);
      }
      const cycles = (await (await fetch(`${second.url}/api/processes/1/cycles`)).json()) as Record<
        string,
        unknown
      >[];
      const latest = await getBytes(`${second.url}/model-centric/retrieve-model?name=bandit`, {
        authorization: `Bearer ${ownerToken}`,
      });

      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThanOrEqual(5);
      expect(cycles[0]).toMatchObject({
        status: 'completed',
        reports: WORKERS,
        checkpoint_number: 2,
      });
      const values = arraysFromState(decodeState(latest.bytes))[0]!.values;
      for (let j = 0; j < SIZE; j += 997) {
        let mean = 0;
        for (let i = 0; i < WORKERS; i++) mean += diffOf(i)[j]! / WORKERS;
        expect(values[j]).toBeCloseTo(Math.fround(initial[j]!) - mean, 3);
      }
    } finally {
      const exited = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
      second.child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(second.output()).toContain('"msg":"grid stopped"');
    expect(first.output() + second.output()).toContain(join(dataDir, 'owner-token'));
    expect(first.output() + second.output()).not.toContain(ownerToken);
  });
});
