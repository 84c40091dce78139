import { afterEach, describe, expect, it } from 'vitest';

import { startTestGrid, WsClient, type TestGrid } from '../grid.test-helper.js';

const grids: TestGrid[] = [];
afterEach(async () => {
  await Promise.all(grids.splice(0).map((grid) => grid.stop()));
});

describe('WebSocket frames refused for a prototype-changing key', () => {
  it('echo the request_id of the frame, so the caller can match the refusal', async () => {
    const grid = await startTestGrid();
    grids.push(grid);
    const ws = await WsClient.connect(grid.wsUrl);

    const refused = await ws.raw(
      '{"type":"model-centric/authenticate","request_id":"q7","data":{"__proto__":{"x":1}}}',
    );
    const numbered = await ws.raw('{"__proto__":{},"request_id":12}');
    const withoutId = await ws.raw('{"__proto__":{},"request_id":{"nested":true}}');
    ws.close();

    expect(refused.request_id).toBe('q7');
    expect(refused.error).toMatch(/__proto__/);
    expect(numbered.request_id).toBe(12);
    expect(withoutId).not.toHaveProperty('request_id');
    expect(withoutId.error).toMatch(/__proto__/);
  });
});
