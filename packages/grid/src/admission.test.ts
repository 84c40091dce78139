import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { admissionProbability } from './admission.js';
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
} from './grid.test-helper.js';

const report = (grid: TestGrid, workerId: string, requestKey: unknown, values = [1, 1, 1]) =>
  postJson(`${grid.url}/model-centric/report`, {
    worker_id: workerId,
    request_key: requestKey,
    diff: diffBase64([param([3], values)]),
  });

const cycleRequest = (grid: TestGrid, body: Record<string, unknown>) =>
  postJson(`${grid.url}/model-centric/cycle-request`, body);

describe('cycle-request admission (D3, D4)', () => {
  let grid: TestGrid;
  afterEach(async () => {
    await grid.stop();
  });

  it('rejects past max_workers with cycle_full and a whole-second timeout', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 100, max_workers: 1, max_diffs: 1 } }),
    );

    const first = await joinCycle(grid);
    const second = await joinCycle(grid);

    expect(first.cycle.status).toBe('accepted');
    expect(second.cycle).toEqual({ status: 'rejected', reason: 'cycle_full', timeout: 100 });
  });

  it('rejects a second request of an admitted worker with already_participated', async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
    const { workerId } = await joinCycle(grid);

    const again = await cycleRequest(grid, {
      worker_id: workerId,
      model: 'bandit',
      version: '1.0',
    });

    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'rejected', reason: 'already_participated' });
    expect(Number.isInteger(again.body.timeout)).toBe(true);
  });

  it('keeps a worker out until do_not_reuse_workers_until_cycle cycles later (not_reusable_yet)', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({
        serverConfig: { cycle_length: 60, max_diffs: 1, do_not_reuse_workers_until_cycle: 3 },
      }),
    );
    const { workerId, cycle } = await joinCycle(grid);
    await report(grid, workerId, cycle.request_key);

    const inCycle2 = await cycleRequest(grid, {
      worker_id: workerId,
      model: 'bandit',
      version: '1.0',
    });

    // Admitted in cycle 1, reusable from cycle 4: the rest of cycle 2 plus all of cycle 3.
    expect(inCycle2.body).toEqual({ status: 'rejected', reason: 'not_reusable_yet', timeout: 120 });
  });

  it('rejects slow workers with bandwidth_too_low and asks for the speed test', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({
        serverConfig: { cycle_length: 60, minimum_download_speed: 4, minimum_upload_speed: 2 },
      }),
    );
    const auth = await postJson(`${grid.url}/model-centric/authenticate`, {
      model_name: 'bandit',
      model_version: '1.0',
    });
    const workerId = auth.body.worker_id as string;
    const base = { worker_id: workerId, model: 'bandit', version: '1.0' };

    const missing = await cycleRequest(grid, base);
    const negative = await cycleRequest(grid, { ...base, ping: -1, download: 5, upload: 5 });
    const slow = await cycleRequest(grid, { ...base, ping: 1, download: 3.9, upload: 5 });
    const fast = await cycleRequest(grid, { ...base, ping: 1, download: 4, upload: 2 });

    expect(auth.body.requires_speed_test).toBe(true);
    expect(missing).toEqual({ status: 400, body: { error: "'ping' is required" } });
    expect(negative).toEqual({
      status: 400,
      body: { error: "'ping' needs to be a positive number" },
    });
    expect(slow.body).toEqual({ status: 'rejected', reason: 'bandwidth_too_low', timeout: 60 });
    expect(fast.body.status).toBe('accepted');
  });

  it('answers process_complete without timeout once num_cycles are done', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ serverConfig: { cycle_length: 60, max_diffs: 1, num_cycles: 1 } }));
    const { workerId, cycle } = await joinCycle(grid);
    await report(grid, workerId, cycle.request_key);

    const late = await joinCycle(grid);

    expect(late.cycle).toEqual({ status: 'rejected', reason: 'process_complete' });
  });

  it('rejects a worker id issued for another process as unauthorized (W-32)', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ name: 'open' }));
    await host(
      grid,
      hostData({
        name: 'guarded',
        serverConfig: { cycle_length: 60, authentication: { secret: 'abc' } },
      }),
    );
    const auth = await postJson(`${grid.url}/model-centric/authenticate`, { model_name: 'open' });

    const crossed = await cycleRequest(grid, {
      worker_id: auth.body.worker_id,
      model: 'guarded',
      version: '1.0',
    });

    expect(crossed.body).toEqual({ status: 'rejected', reason: 'unauthorized', timeout: 60 });
  });

  it('authenticates with the process secret over HTTP (401 on failure) and WS', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 60, authentication: { secret: 'abc' } } }),
    );
    const ws = await WsClient.connect(grid.wsUrl);
    const valid = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('abc'));

    const missing = await postJson(`${grid.url}/model-centric/authenticate`, {
      model_name: 'bandit',
    });
    const invalid = await postJson(`${grid.url}/model-centric/authenticate`, {
      model_name: 'bandit',
      auth_token: 'just kidding!',
    });
    const ok = await postJson(`${grid.url}/model-centric/authenticate`, {
      model_name: 'bandit',
      auth_token: valid,
    });
    const wsMissing = await ws.request('model-centric/authenticate', { model_name: 'bandit' });
    const wsOk = await ws.request('model-centric/authenticate', {
      model_name: 'bandit',
      auth_token: valid,
    });
    ws.close();

    expect(missing).toEqual({
      status: 401,
      body: { error: "Authentication is required, please pass an 'auth_token'." },
    });
    expect(invalid).toEqual({
      status: 401,
      body: { error: "The 'auth_token' you sent is invalid." },
    });
    expect(ok.body).toMatchObject({ status: 'success', requires_speed_test: false });
    expect(wsMissing).toEqual({
      type: 'model-centric/authenticate',
      data: { error: "Authentication is required, please pass an 'auth_token'." },
      request_id: 'r1',
    });
    expect((wsOk.data as Record<string, unknown>).worker_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('admits by random pool selection with the injected random source', async () => {
    let next = 0.99;
    grid = await startTestGrid({ random: () => next });
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 60, max_workers: 2, pool_selection: 'random' } }),
    );

    const unlucky = await joinCycle(grid);
    next = 0;
    const lucky = await joinCycle(grid);

    expect(unlucky.cycle).toMatchObject({ status: 'rejected', reason: 'cycle_full' });
    expect(lucky.cycle.status).toBe('accepted');
  });

  it('answers unknown workers and processes with the section 7 messages', async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
    const { workerId } = await joinCycle(grid);

    const unknownWorker = await cycleRequest(grid, {
      worker_id: 'nope',
      model: 'bandit',
      version: '1.0',
    });
    const unknownProcess = await cycleRequest(grid, {
      worker_id: workerId,
      model: 'x',
      version: '1.0',
    });
    const unknownAuth = await postJson(`${grid.url}/model-centric/authenticate`, {
      model_name: 'x',
    });

    expect(unknownWorker).toEqual({ status: 404, body: { error: 'Worker ID not found!' } });
    expect(unknownProcess).toEqual({
      status: 404,
      body: { error: 'Not found any process related with this cycle and worker ID.' },
    });
    expect(unknownAuth.status).toBe(404);
  });

  it('reports the same rejections over WebSocket, with errors as rejected + error', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({
        serverConfig: { cycle_length: 60, max_workers: 1, max_diffs: 1, minimum_upload_speed: 0 },
      }),
    );
    const ws = await WsClient.connect(grid.wsUrl);
    const a = (await ws.request('model-centric/authenticate', { model_name: 'bandit' }))
      .data as Record<string, unknown>;
    const b = (await ws.request('model-centric/authenticate', { model_name: 'bandit' }))
      .data as Record<string, unknown>;
    const speeds = { ping: 1, download: 1, upload: 1 };

    const noSpeeds = await ws.request('model-centric/cycle-request', {
      worker_id: a.worker_id,
      model: 'bandit',
      version: '1.0',
    });
    const accepted = await ws.request('model-centric/cycle-request', {
      worker_id: a.worker_id,
      model: 'bandit',
      version: '1.0',
      ...speeds,
    });
    const full = await ws.request('model-centric/cycle-request', {
      worker_id: b.worker_id,
      model: 'bandit',
      version: '1.0',
      ...speeds,
    });
    ws.close();

    expect(noSpeeds.data).toEqual({ status: 'rejected', error: "'ping' is required" });
    expect((accepted.data as Record<string, unknown>).status).toBe('accepted');
    expect(full).toEqual({
      type: 'model-centric/cycle-request',
      data: { status: 'rejected', reason: 'cycle_full', timeout: 60 },
      request_id: 'r5',
    });
  });

  it('counts rejections by reason for the dashboard', async () => {
    grid = await startTestGrid();
    await host(
      grid,
      hostData({ serverConfig: { cycle_length: 60, max_workers: 1, max_diffs: 1 } }),
    );
    await joinCycle(grid);
    await joinCycle(grid);
    await joinCycle(grid);

    const cycles = (await (await fetch(`${grid.url}/api/processes/1/cycles`)).json()) as Record<
      string,
      unknown
    >[];
    const processes = (await (await fetch(`${grid.url}/api/processes`)).json()) as Record<
      string,
      unknown
    >[];

    expect(cycles[0]).toMatchObject({
      sequence: 1,
      status: 'open',
      admitted: 1,
      reports: 0,
      rejected: { cycle_full: 2 },
    });
    expect(processes[0]).toMatchObject({
      name: 'bandit',
      status: 'running',
      current_cycle: 1,
      checkpoints: [1],
    });
  });

  it('spreads random admissions over the cycle from the arrival rate seen so far', () => {
    const cycle = {
      id: 1,
      processId: 1,
      sequence: 1,
      status: 'open' as const,
      startedAtMs: 0,
      deadlineMs: 28_800_000,
      closedAtMs: null,
      requestsSeen: 0,
      checkpointNumber: null,
    };

    const firstArrival = admissionProbability(cycle, 100, 28_800, 1000);
    const busyHalfway = admissionProbability(
      { ...cycle, requestsSeen: 9_999 },
      50,
      28_800,
      14_400_000,
    );

    expect(firstArrival).toBe(1);
    // 10,000 arrivals in half the cycle predict ~10,000 more for 50 places.
    expect(busyHalfway).toBeCloseTo(50 / 10_001, 6);
  });
});
