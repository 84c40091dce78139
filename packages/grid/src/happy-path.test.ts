import { arraysFromState, base64ToBytes, decodeState } from '@syft-ts/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  joinCycle,
  param,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from './grid.test-helper.js';

describe('grid happy path', () => {
  let grid: TestGrid;
  beforeEach(async () => {
    grid = await startTestGrid();
  });
  afterEach(async () => {
    await grid.stop();
  });

  it('hosts over HTTP, admits two workers, averages their reports into checkpoint 2', async () => {
    await host(grid, hostData({ serverConfig: { cycle_length: 3600, max_diffs: 2 } }));
    const a = await joinCycle(grid);
    const b = await joinCycle(grid);
    expect(a.cycle.status).toBe('accepted');
    const modelId = a.cycle.model_id as number;
    const model = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${a.workerId}&request_key=${a.cycle.request_key as string}&model_id=${modelId}`,
    );
    expect(model.type).toContain('application/octet-stream');

    const r1 = await postJson(`${grid.url}/model-centric/report`, {
      worker_id: a.workerId,
      request_key: a.cycle.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    });
    const r2 = await postJson(`${grid.url}/model-centric/report`, {
      worker_id: b.workerId,
      request_key: b.cycle.request_key,
      diff: diffBase64([param([3], [3, 3, 3])]),
    });
    const latest = await getBytes(
      `${grid.url}/model-centric/retrieve-model?name=bandit&version=1.0`,
      {
        authorization: `Bearer ${grid.ownerToken}`,
      },
    );

    expect(r1).toEqual({ status: 200, body: { status: 'success' } });
    expect(r2).toEqual({ status: 200, body: { status: 'success' } });
    expect(Array.from(arraysFromState(decodeState(latest.bytes))[0]!.values)).toEqual([-1, 0, 1]);
  });

  it('speaks the WebSocket envelope, echoing type and request_id', async () => {
    const ws = await WsClient.connect(grid.wsUrl);
    const hosted = await ws.request('model-centric/host-training', {
      ...hostData(),
      auth_token: grid.ownerToken,
    });
    const auth = await ws.request('model-centric/authenticate', {
      model_name: 'bandit',
      model_version: '1.0',
    });
    const data = auth.data as Record<string, unknown>;
    const cycle = await ws.request('model-centric/cycle-request', {
      worker_id: data.worker_id,
      model: 'bandit',
      version: '1.0',
    });
    const cycleData = cycle.data as Record<string, unknown>;
    const report = await ws.request('model-centric/report', {
      worker_id: data.worker_id,
      request_key: cycleData.request_key,
      diff: diffBase64([param([3], [1, 1, 1])]),
    });
    ws.close();

    expect(hosted).toEqual({
      type: 'model-centric/host-training',
      data: { status: 'success' },
      request_id: 'r1',
    });
    expect(data.status).toBe('success');
    expect(data.requires_speed_test).toBe(false);
    expect(cycle.type).toBe('model-centric/cycle-request');
    expect(cycleData.status).toBe('accepted');
    expect(cycleData.request_key).toMatch(/^[0-9a-f]{64}$/);
    expect(report).toEqual({
      type: 'model-centric/report',
      data: { status: 'success' },
      request_id: 'r4',
    });
    expect(base64ToBytes(diffBase64([param([1], [0])])).length).toBeGreaterThan(0);
  });
});
