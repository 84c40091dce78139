import { arraysFromState, decodeState } from '@syft-ts/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  type TestGrid,
} from './grid.test-helper.js';

describe('two grids sharing one store', () => {
  const grids: TestGrid[] = [];
  afterEach(async () => {
    for (const g of grids.splice(0)) await g.close();
  });

  it('admit and aggregate as one grid: the cycle closes once, with every report', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'syft-grid-shared-'));
    const a = await startTestGrid({ dataDir });
    const b = await startTestGrid({ dataDir });
    grids.push(a, b);
    await host(a, hostData({ serverConfig: { cycle_length: 60, max_diffs: 4 } }));
    const workers = [
      await joinCycle(a),
      await joinCycle(b),
      await joinCycle(a),
      await joinCycle(b),
    ];

    const replies = await Promise.all(
      workers.map((w, i) =>
        postJson(`${(i % 2 === 0 ? b : a).url}/model-centric/report`, {
          worker_id: w.workerId,
          request_key: w.cycle.request_key,
          diff: diffBase64([param([3], [i, i, i])]),
        }),
      ),
    );
    const cyclesA = (await (await fetch(`${a.url}/api/processes/1/cycles`)).json()) as Record<
      string,
      unknown
    >[];
    const cyclesB = (await (await fetch(`${b.url}/api/processes/1/cycles`)).json()) as Record<
      string,
      unknown
    >[];
    const latest = await getBytes(`${b.url}/model-centric/retrieve-model?name=bandit`, {
      authorization: `Bearer ${b.ownerToken}`,
    });

    expect(a.ownerToken).toBe(b.ownerToken);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(cyclesA).toEqual(cyclesB);
    expect(cyclesA).toHaveLength(2);
    expect(cyclesA[0]).toMatchObject({ status: 'completed', reports: 4, checkpoint_number: 2 });
    // mean diff 1.5 → [1, 2, 3] − 1.5
    expect(Array.from(arraysFromState(decodeState(latest.bytes))[0]!.values)).toEqual([
      -0.5, 0.5, 1.5,
    ]);
    await Promise.all(grids.splice(0).map((g) => g.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });
});
