/**
 * A grid node in a child process (the built `packages/grid/dist/bin.js`), so that its memory
 * is measured alone, on 127.0.0.1 with a fresh data folder. Reads its peak and current
 * resident set from /proc (Linux).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { bytesToHex } from '@syft-ts/core';

/** The memory of a process, in bytes. */
export interface ProcessMemory {
  /** Peak resident set so far (VmHWM). */
  peakRssBytes: number;
  /** Resident set now (VmRSS). */
  rssBytes: number;
}

/** What a hosted process needs. */
export interface HostedModel {
  name: string;
  version: string;
  modelBytes: Uint8Array;
  trainingPlanBytes: Uint8Array;
  serverConfig: Record<string, unknown>;
}

/** A running grid child process. */
export interface GridProcess {
  /** `http://127.0.0.1:PORT`. */
  httpUrl: string;
  /** `ws://127.0.0.1:PORT`. */
  wsUrl: string;
  /** Reads the child's memory. */
  memory(): ProcessMemory;
  /** Hosts a process with the owner token (HTTP `host-training`). */
  host(model: HostedModel): Promise<void>;
  /** The status of each cycle of process 1, oldest first. */
  cycleStatuses(): Promise<string[]>;
  /** Stops the child and removes its data folder. */
  stop(): Promise<void>;
}

function readMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024;
  return { peakRssBytes: kib('VmHWM'), rssBytes: kib('VmRSS') };
}

function waitForUrl(child: ChildProcessByStdio<null, Readable, null>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let found = false;
    const timer = setTimeout(() => reject(new Error('grid did not start within 30 s')), 30_000);
    child.once('exit', (code) => reject(new Error(`grid exited with code ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      if (found) return;
      out += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        found = true;
        resolve(match[1]);
      }
    });
  });
}

/**
 * Extra Node options for grid children from `SYFT_BENCH_GRID_NODE_ARGS`, e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/grid-prof` to profile the grid (docs/benchmarks.md).
 */
export const gridNodeArgsFromEnv = (): string[] =>
  (process.env.SYFT_BENCH_GRID_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

/**
 * Starts a grid child process on a free port.
 * @param nodeArgs - extra Node options for the child; default from the environment
 */
export async function startGridProcess(
  nodeArgs: readonly string[] = gridNodeArgsFromEnv(),
): Promise<GridProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'syft-bench-grid-'));
  const child = spawn(
    process.execPath,
    [...nodeArgs, 'packages/grid/dist/bin.js', '--port', '0', '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const httpUrl = await waitForUrl(child);
  // Keep draining the request log so that the child never blocks on a full pipe.
  child.stdout.resume();
  const pid = child.pid ?? 0;
  const ownerToken = readFileSync(join(dataDir, 'owner-token'), 'utf8').trim();

  return {
    httpUrl,
    wsUrl: httpUrl.replace(/^http/, 'ws'),
    memory: () => readMemory(pid),
    async host(model) {
      const response = await fetch(`${httpUrl}/model-centric/host-training`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
        body: JSON.stringify({
          model: bytesToHex(model.modelBytes),
          plans: { training_plan: bytesToHex(model.trainingPlanBytes) },
          client_config: { name: model.name, version: model.version },
          server_config: model.serverConfig,
        }),
      });
      if (response.status !== 200) {
        throw new Error(`hosting failed (${response.status}): ${await response.text()}`);
      }
    },
    async cycleStatuses() {
      const response = await fetch(`${httpUrl}/api/processes/1/cycles`);
      const cycles = (await response.json()) as { status: string }[];
      return cycles.map((c) => c.status);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
