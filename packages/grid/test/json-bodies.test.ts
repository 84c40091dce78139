import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  host,
  hostData,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../src/grid.test-helper.js';
import { observableState } from './suite.test-helper.js';

const post = (grid: TestGrid, path: string, body: string, headers: Record<string, string>) =>
  fetch(`${grid.url}/model-centric/${path}`, { method: 'POST', headers, body }).then(async (r) => ({
    status: r.status,
    body: (await r.json()) as Record<string, unknown>,
  }));

describe('JSON bodies and frames: every content type alike, prototype keys refused', () => {
  let grid: TestGrid;
  beforeAll(async () => {
    grid = await startTestGrid();
    await host(grid, hostData());
  });
  afterAll(async () => {
    await grid.stop();
  });

  it.each(['text/plain', 'text/plain;charset=UTF-8', 'application/json', 'application/x-anything'])(
    'parses a JSON body sent as %s',
    async (contentType) => {
      const reply = await post(grid, 'authenticate', JSON.stringify({ model_name: 'bandit' }), {
        'content-type': contentType,
      });

      expect(reply.status).toBe(200);
      expect(reply.body.status).toBe('success');
    },
  );

  it.each(['application/json', 'text/plain', 'application/octet-stream'])(
    'refuses a __proto__ key sent as %s with a 400 and hosts nothing',
    async (contentType) => {
      const before = await observableState(grid);
      const body = JSON.stringify(hostData({ name: 'proto' })).replace(
        '"client_config":{',
        '"client_config":{"__proto__":{"polluted":true},',
      );

      const reply = await post(grid, 'host-training', body, {
        'content-type': contentType,
        authorization: `Bearer ${grid.ownerToken}`,
      });

      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatch(/__proto__/);
      expect(await observableState(grid)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses constructor.prototype in a body', async () => {
    const reply = await postJson(
      `${grid.url}/model-centric/authenticate`,
      '{"model_name":"bandit","constructor":{"prototype":{"polluted":true}}}',
    );

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/constructor/);
  });

  it('refuses a __proto__ key in a WebSocket frame and keeps the connection', async () => {
    const ws = await WsClient.connect(grid.wsUrl);
    const before = await observableState(grid);

    const refused = await ws.raw(
      `{"type":"model-centric/host-training","data":${JSON.stringify({
        ...hostData({ name: 'ws-proto' }),
        auth_token: grid.ownerToken,
      }).replace('"plans":{', '"plans":{"__proto__":"00",')}}`,
    );
    const ping = await ws.request('socket-ping', {});
    ws.close();

    expect(refused.error).toMatch(/__proto__/);
    expect(ping.alive).toBe('True');
    expect(await observableState(grid)).toBe(before);
  });

  it('names the JSON syntax error of a bad application/json body', async () => {
    const reply = await postJson(`${grid.url}/model-centric/report`, '{bad');

    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^Body is not valid JSON: .*position 1/);
  });
});
