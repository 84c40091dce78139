import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { arraysFromState, decodeState } from '@syft-ts/core';
import { hostTraining } from '@syft-ts/client';
import { startGrid, type GridHandle } from '@syft-ts/grid';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flProcess } from './fl-process.js';
import { mnist2nn } from './models/builders.js';

const run = promisify(execFile);
const harness = (name: string): string =>
  fileURLToPath(new URL(`../../../test-support/syftjs/${name}`, import.meta.url));

/** One published syft.js worker cycle (test-support/syftjs/run-worker.mjs). */
async function syftJsCycle(job: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ['--import', harness('no-long.mjs'), harness('run-worker.mjs'), JSON.stringify(job)],
    { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

function batch(seed: number): { shape: number[]; values: number[] }[] {
  const x = tf.randomUniform([8, 784], 0, 1, 'float32', seed);
  const y = tf.oneHot(tf.randomUniform([8], 0, 10, 'int32', seed + 1), 10).toFloat();
  return [x, y].map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
}

describe('hosting a traced process on the grid', () => {
  let dataDir: string;
  let grid: GridHandle;
  beforeEach(async () => {
    await tf.setBackend('cpu');
    dataDir = mkdtempSync(join(tmpdir(), 'author-host-'));
    grid = await startGrid({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
  });
  afterEach(async () => {
    await grid.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two syft.js workers train the 2NN; the traced averaging plan makes checkpoint 2', async () => {
    const built = mnist2nn({ seed: 9, batchSize: 8 });
    const proc = flProcess(built, {
      name: 'mnist2nn',
      version: '1.0.0',
      averaging: true,
      serverConfig: { cycle_length: 3600, max_diffs: 2, num_cycles: 1 },
    });
    await hostTraining(grid.wsUrl, grid.ownerToken, { ...proc, verbose: true });

    const results = [];
    for (const seed of [1, 2]) {
      results.push(
        await syftJsCycle({
          url: grid.wsUrl,
          modelName: 'mnist2nn',
          modelVersion: '1.0.0',
          inputs: [...batch(seed), 8, { shape: [1], values: [0.1] }],
          outputParams: [2, 3, 4, 5, 6, 7],
        }),
      );
    }
    const response = await fetch(`${grid.url}/model-centric/retrieve-model?name=mnist2nn`, {
      headers: { authorization: `Bearer ${grid.ownerToken}` },
    });
    const latest = arraysFromState(decodeState(new Uint8Array(await response.arrayBuffer())));

    expect(results.map((r) => r.event)).toEqual(['reported', 'reported']);
    const workerParams = results.map((r) =>
      (r.newParams as unknown[]).map((p) => tf.tensor(p as number[])),
    );
    latest.forEach((param, i) => {
      const mean = tf.div(tf.add(workerParams[0]![i]!, workerParams[1]![i]!), 2).reshape([-1]);
      const got = tf.tensor(Array.from(param.values));
      expect(tf.max(tf.abs(tf.sub(got, mean))).dataSync()[0]).toBeLessThan(1e-6);
    });
    // The workers did move the parameters away from the initial ones.
    const initial = built.params[4]!.reshape([-1]);
    const moved = tf.max(tf.abs(tf.sub(tf.tensor(Array.from(latest[4]!.values)), initial)));
    expect(moved.dataSync()[0]).toBeGreaterThan(1e-4);
  });
});
