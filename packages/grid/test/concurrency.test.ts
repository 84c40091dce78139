import { afterEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../src/grid.test-helper.js';
import { cycles, errorLines, retrieve, stateArrays } from './suite.test-helper.js';

/** Sends a report over HTTP or WebSocket and returns 200/409/410-style outcomes. */
async function sendReport(
  grid: TestGrid,
  ws: WsClient,
  viaWs: boolean,
  body: Record<string, unknown>,
): Promise<string> {
  if (!viaWs) {
    const reply = await postJson(`${grid.url}/model-centric/report`, body);
    return reply.status === 200 ? 'success' : String(reply.status);
  }
  const data = (await ws.request('model-centric/report', body)).data as Record<string, string>;
  if (data.status === 'success') return 'success';
  if (/already accepted/.test(data.error ?? '')) return '409';
  if (/is closed/.test(data.error ?? '')) return '410';
  return data.error ?? 'no error text';
}

describe('concurrent requests decide once (D4, D5)', () => {
  let grid: TestGrid;
  let ws: WsClient;
  afterEach(async () => {
    ws.close();
    await grid.stop();
  });

  it('accepts one of ten identical reports sent at once over both transports', async () => {
    grid = await startTestGrid();
    ws = await WsClient.connect(grid.wsUrl);
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 5 } }));
    const a = await joinCycle(grid);
    const body = {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    };

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sendReport(grid, ws, i % 2 === 0, body)),
    );

    expect(outcomes.filter((o) => o === 'success')).toHaveLength(1);
    expect(outcomes.filter((o) => o === '409')).toHaveLength(9);
    expect((await cycles(grid))[0]).toMatchObject({ status: 'open', reports: 1 });
    expect(errorLines(grid)).toEqual([]);
  });

  it('closes a cycle at max_diffs with exactly the reports it acknowledged when more arrive at once', async () => {
    grid = await startTestGrid();
    ws = await WsClient.connect(grid.wsUrl);
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 3 } }));
    const workers = [];
    for (let i = 0; i < 8; i++) workers.push(await joinCycle(grid));
    const diffs = workers.map((_, i) => [i + 1, 2 * (i + 1), 0.5]);

    const outcomes = await Promise.all(
      workers.map((w, i) =>
        sendReport(grid, ws, i % 2 === 1, {
          worker_id: w.workerId,
          request_key: w.cycle.request_key,
          diff: diffBase64([param([3], diffs[i]!)]),
        }),
      ),
    );

    const accepted = diffs.filter((_, i) => outcomes[i] === 'success');
    expect(accepted).toHaveLength(3);
    expect(outcomes.filter((o) => o === '410')).toHaveLength(5);
    const latest = stateArrays(await retrieve(grid, 'bandit'))[0]!;
    [1, 2, 3].forEach((initial, j) => {
      const mean = accepted.reduce((sum, d) => sum + d[j]!, 0) / accepted.length;
      expect(latest[j]).toBeCloseTo(initial - mean, 5);
    });
    expect((await cycles(grid))[0]).toMatchObject({ status: 'completed', reports: 3 });
    expect(errorLines(grid)).toEqual([]);
  });

  it('admits exactly max_workers of thirty workers asking at once', async () => {
    grid = await startTestGrid();
    ws = await WsClient.connect(grid.wsUrl);
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 3600, max_workers: 5, max_diffs: 5 } }),
    );

    const replies = await Promise.all(Array.from({ length: 30 }, () => joinCycle(grid)));

    const statuses = replies.map((r) => r.cycle.status);
    expect(statuses.filter((s) => s === 'accepted')).toHaveLength(5);
    expect(replies.filter((r) => r.cycle.reason === 'cycle_full')).toHaveLength(25);
    expect((await cycles(grid))[0]).toMatchObject({ admitted: 5, rejected: { cycle_full: 25 } });
  });
});
