import { decodePlan } from '@syft-ts/core';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  getBytes,
  host,
  hostData,
  joinCycle,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../grid.test-helper.js';

describe('transports, downloads and errors (D1, D2, D9, D10, D11)', () => {
  let grid: TestGrid;
  afterEach(async () => {
    await grid.stop();
  });

  it('serves the tfjs and list plan variants and refuses torchscript with a clear 400', async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
    const { workerId, cycle } = await joinCycle(grid);
    const planId = (cycle.plans as Record<string, number>).training_plan!;
    const base = `${grid.url}/model-centric/get-plan?worker_id=${workerId}&request_key=${cycle.request_key as string}&plan_id=${planId}`;

    const tfjs = await getBytes(`${base}&receive_operations_as=tfjs`);
    const list = await getBytes(`${base}&receive_operations_as=list`);
    const torchscript = await getBytes(`${base}&receive_operations_as=torchscript`);
    const unknownPlan = await getBytes(
      base.replace(`plan_id=${planId}`, 'plan_id=999') + '&receive_operations_as=tfjs',
    );

    const tfjsPlan = decodePlan(tfjs.bytes);
    expect(tfjs.type).toBe('application/octet-stream');
    expect(tfjsPlan.baseFramework).toBe('tfjs');
    expect(tfjsPlan.roles.size).toBe(0);
    expect(tfjsPlan.torchscript).toBeUndefined();
    expect(tfjsPlan.role?.actions.length).toBeGreaterThan(0);
    const listPlan = decodePlan(list.bytes);
    expect(listPlan.baseFramework).toBe('torch');
    expect(listPlan.torchscript).toBeUndefined();
    expect(torchscript.status).toBe(400);
    expect(torchscript.json().error).toMatch(/torchscript is not served/);
    expect(unknownPlan.status).toBe(404);
    expect(unknownPlan.json()).toEqual({ error: 'Plan ID not found!' });
  });

  it('guards model and protocol downloads by the request key of the open cycle', async () => {
    grid = await startTestGrid();
    await host(grid, hostData({ protocols: { p: 'deadbeef' } }));
    const { workerId, cycle } = await joinCycle(grid);
    const key = cycle.request_key as string;
    const protocolId = (cycle.protocols as Record<string, number>).p!;

    const model = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${workerId}&request_key=${key}&model_id=1`,
    );
    const wrongKey = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${workerId}&request_key=${'0'.repeat(64)}&model_id=1`,
    );
    const noModel = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${workerId}&request_key=${key}&model_id=42`,
    );
    const protocol = await getBytes(
      `${grid.url}/model-centric/get-protocol?worker_id=${workerId}&request_key=${key}&protocol_id=${protocolId}`,
    );
    const missingField = await getBytes(
      `${grid.url}/model-centric/get-model?worker_id=${workerId}&model_id=1`,
    );

    expect(model.status).toBe(200);
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.json()).toEqual({ error: 'Invalid request key!' });
    expect(noModel.json()).toEqual({ error: 'Model ID not found!' });
    expect(Buffer.from(protocol.bytes).toString('hex')).toBe('deadbeef');
    expect(missingField.status).toBe(400);
    expect(missingField.json()).toEqual({ error: "'request_key' is required" });
  });

  it('needs the owner token to host and to retrieve checkpoints (D8)', async () => {
    grid = await startTestGrid();
    const url = `${grid.url}/model-centric/host-training`;

    const none = await postJson(url, hostData());
    const wrong = await postJson(url, hostData(), { authorization: 'Bearer nope' });
    const ok = await postJson(url, hostData(), { authorization: `Bearer ${grid.ownerToken}` });
    const again = await postJson(url, hostData(), { authorization: `Bearer ${grid.ownerToken}` });
    const retrieveNone = await getBytes(`${grid.url}/model-centric/retrieve-model?name=bandit`);
    const retrieveFirst = await getBytes(
      `${grid.url}/model-centric/retrieve-model?name=bandit&checkpoint=1`,
      {
        authorization: `Bearer ${grid.ownerToken}`,
      },
    );
    const retrieveMissing = await getBytes(
      `${grid.url}/model-centric/retrieve-model?name=bandit&checkpoint=7`,
      {
        authorization: `Bearer ${grid.ownerToken}`,
      },
    );

    expect(none.status).toBe(401);
    expect(wrong).toEqual({ status: 403, body: { error: 'The owner token is invalid.' } });
    expect(ok).toEqual({ status: 200, body: { status: 'success' } });
    expect(again).toEqual({ status: 409, body: { error: 'FL Process already exists.' } });
    expect(retrieveNone.status).toBe(401);
    expect(retrieveFirst.status).toBe(200);
    expect(retrieveMissing.json()).toEqual({ error: 'Model ID not found!' });
    expect(statSync(grid.ownerTokenPath).mode & 0o777).toBe(0o600);
  });

  it('hosts over WebSocket only with auth_token = owner token', async () => {
    grid = await startTestGrid();
    const ws = await WsClient.connect(grid.wsUrl);

    const refused = await ws.request('model-centric/host-training', hostData());
    const hosted = await ws.request('model-centric/host-training', {
      ...hostData(),
      auth_token: grid.ownerToken,
    });
    ws.close();

    expect(refused.data).toEqual({ error: expect.stringMatching(/owner token/) as unknown });
    expect(hosted.data).toEqual({ status: 'success' });
  });

  it('answers malformed HTTP bodies with 400 naming the problem, oversize ones with 413', async () => {
    grid = await startTestGrid({ limits: { reportBytes: 1000 } });
    await host(grid, hostData());

    const badJson = await postJson(`${grid.url}/model-centric/cycle-request`, '{bad');
    const wrongType = await postJson(`${grid.url}/model-centric/authenticate`, { model_name: 7 });
    const badConfig = await postJson(
      `${grid.url}/model-centric/host-training`,
      hostData({ name: 'x', serverConfig: { cycle_length: -1 } }),
      { authorization: `Bearer ${grid.ownerToken}` },
    );
    const tooBig = await postJson(`${grid.url}/model-centric/report`, { diff: 'A'.repeat(2000) });

    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toMatch(/^Body is not valid JSON/);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toMatch(/^'model_name' is invalid/);
    expect(badConfig.status).toBe(400);
    expect(badConfig.body.error).toMatch(/^server_config.cycle_length is invalid/);
    expect(tooBig).toEqual({
      status: 413,
      body: { error: 'Request body is larger than the limit of 1000 bytes for this endpoint.' },
    });
  });

  it('answers bad WebSocket frames with an error and keeps the connection', async () => {
    grid = await startTestGrid();
    const ws = await WsClient.connect(grid.wsUrl);

    const binary = await ws.raw(Buffer.from([1, 2, 3]), true);
    const notJson = await ws.raw('hello');
    const unknown = await ws.request('model-centric/nothing', {});
    const noType = await ws.raw(JSON.stringify({ data: {} }));
    const ping = await ws.raw(JSON.stringify({ type: 'socket-ping', data: {} }));
    const pingWithId = await ws.request('socket-ping', {});
    ws.close();

    expect(binary.error).toMatch(/Binary frames are not supported/);
    expect(notJson.error).toMatch(/^Message is not valid JSON/);
    expect(unknown).toEqual({
      error: "Unknown message type 'model-centric/nothing'",
      request_id: 'r1',
    });
    expect(noType.error).toMatch(/'type' is required/);
    expect(ping).toEqual({ alive: 'True' });
    expect(pingWithId).toEqual({ alive: 'True', request_id: 'r2' });
  });

  it('answers a WebSocket frame over its type limit with an error naming the limit', async () => {
    grid = await startTestGrid({ limits: { reportBytes: 500 } });
    const ws = await WsClient.connect(grid.wsUrl);

    const big = await ws.request('model-centric/report', { diff: 'A'.repeat(600) });
    const after = await ws.request('socket-ping', {});
    ws.close();

    expect((big.data as Record<string, unknown>).error).toMatch(
      /larger than the limit of 500 bytes for model-centric\/report/,
    );
    expect(after).toEqual({ alive: 'True', request_id: 'r2' });
  });

  it('runs the speed test for known workers only, with a bounded sample', async () => {
    grid = await startTestGrid({ limits: { speedTestSampleBytes: 1024 } });
    await host(grid, hostData());
    const { workerId } = await joinCycle(grid);
    const base = `${grid.url}/model-centric/speed-test?worker_id=${workerId}&random=0.5?0.7`;

    const ping = await getBytes(`${base}&is_ping=1`);
    const download = await getBytes(base);
    const upload = await fetch(base, { method: 'POST', body: new Uint8Array(2 * 1024 * 1024) });
    const stranger = await getBytes(
      `${grid.url}/model-centric/speed-test?worker_id=ghost&random=1`,
    );

    expect(ping.json()).toEqual({});
    expect(download.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(download.bytes.length).toBeGreaterThan(1024);
    expect(download.bytes.length).toBeLessThan(1024 + 400);
    expect(upload.status).toBe(200);
    expect(await upload.json()).toEqual({});
    expect(stranger.status).toBe(404);
  });

  it('allows any origin (CORS) and logs one line per request without secrets', async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
    const { workerId, cycle } = await joinCycle(grid);

    const response = await fetch(`${grid.url}/api/processes`, {
      headers: { origin: 'http://example.org' },
    });
    const log = grid.logLines.join('');

    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(log).toContain('"route":"/model-centric/cycle-request","status":200');
    expect(log).not.toContain(grid.ownerToken);
    expect(log).not.toContain(cycle.request_key as string);
    expect(log).not.toContain(workerId);
    expect(log).toContain(grid.ownerTokenPath);
  });
});
