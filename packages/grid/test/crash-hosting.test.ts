import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostData, param, postJson, stateBytes } from '../src/grid.test-helper.js';
import { buildGrid, freePort, spawnGrid } from './child-grid.test-helper.js';
import { retrieve, seededRandom, sleep } from './suite.test-helper.js';

const PARAMS = 300_000;
const KILLS = 6;

describe('SIGKILL while a process is being hosted (D12)', () => {
  let dataDir: string;
  beforeAll(() => {
    buildGrid();
    dataDir = mkdtempSync(join(tmpdir(), 'syft-crash-host-'));
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`leaves each process hosted whole or not at all, over ${KILLS} kills`, async () => {
    const random = seededRandom(11);
    const port = await freePort();
    const model = Array.from({ length: PARAMS }, (_, j) => (j % 97) / 97);
    const outcomes: string[] = [];
    // How long one host takes here: the kills fall anywhere within that time.
    const probe = await spawnGrid(dataDir, port);
    const startedMs = Date.now();
    const probed = await postJson(
      `${probe.url}/model-centric/host-training`,
      hostData({ name: 'probe', model: [param([PARAMS], model)] }),
      { authorization: `Bearer ${probe.ownerToken}` },
    );
    const hostMs = Date.now() - startedMs;
    expect(probed.status).toBe(200);
    await probe.stop();

    for (let k = 0; k < KILLS; k++) {
      const grid = await spawnGrid(dataDir, port);
      const body = hostData({ name: `big-${k}`, model: [param([PARAMS], model)] });
      const sent = postJson(`${grid.url}/model-centric/host-training`, body, {
        authorization: `Bearer ${grid.ownerToken}`,
      }).then(
        (r) => `answered ${r.status}`,
        () => 'no answer',
      );
      await sleep(random() * hostMs);
      await grid.kill();
      outcomes.push(await sent);
    }

    const grid = await spawnGrid(dataDir, port);
    try {
      const listed = (await (await fetch(`${grid.url}/api/processes`)).json()) as {
        name: string;
        checkpoints: number[];
        current_cycle: number | null;
      }[];
      for (let k = 0; k < KILLS; k++) {
        const name = `big-${k}`;
        const hosted = listed.find((p) => p.name === name);
        if (outcomes[k] === 'answered 200') expect(hosted, name).toBeDefined();
        if (hosted === undefined) {
          // Absent: nothing half-written blocks hosting it again.
          const again = await postJson(
            `${grid.url}/model-centric/host-training`,
            hostData({ name, model: [param([3], [1, 2, 3])] }),
            { authorization: `Bearer ${grid.ownerToken}` },
          );
          expect(again.status, name).toBe(200);
          continue;
        }
        // Present: whole, with its checkpoint, its open cycle and its plan.
        expect(hosted).toMatchObject({ checkpoints: [1], current_cycle: 1 });
        expect(
          Buffer.from(await retrieve(grid, name)).equals(
            Buffer.from(stateBytes([param([PARAMS], model)])),
          ),
        ).toBe(true);
        const auth = await postJson(`${grid.url}/model-centric/authenticate`, {
          model_name: name,
        });
        const cycle = await postJson(`${grid.url}/model-centric/cycle-request`, {
          worker_id: auth.body.worker_id,
          model: name,
          version: '1.0',
        });
        expect(cycle.body.status).toBe('accepted');
      }
      console.log(JSON.stringify({ hostMs, outcomes, hosted: listed.map((p) => p.name) }));
    } finally {
      await grid.stop();
    }
  }, 180_000);
});
