import { bytesToBase64 } from '@syft-ts/core';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  diffBase64,
  getBytes,
  host,
  hostData,
  param,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../src/grid.test-helper.js';
import { expectNoLeak, observableState, retrieve } from './suite.test-helper.js';

const SECRET = 'hmac-secret-for-the-locked-process';
const INVALID = "The 'auth_token' you sent is invalid.";
const nowSeconds = () => Math.floor(Date.now() / 1000);

const hs = (secret: string | Uint8Array, claims: Record<string, unknown> = {}, alg = 'HS256') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg })
    .sign(typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

describe('authorization under attack (D7, D8)', () => {
  let grid: TestGrid;
  let ws: WsClient;
  let publicPem: string;
  let privateKey: CryptoKey;
  let otherPrivateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    publicPem = await exportSPKI(pair.publicKey);
    privateKey = pair.privateKey;
    otherPrivateKey = other.privateKey;
    grid = await startTestGrid();
    ws = await WsClient.connect(grid.wsUrl);
    await host(grid, hostData({ name: 'open' }));
    await host(
      grid,
      hostData({
        name: 'locked',
        serverConfig: { authentication: { secret: SECRET, pub_key: publicPem } },
      }),
    );
    await host(
      grid,
      hostData({ name: 'rsa-only', serverConfig: { authentication: { pub_key: publicPem } } }),
    );
  });
  afterAll(async () => {
    ws.close();
    await grid.stop();
  });

  /** Authenticates over both transports; returns both replies' worker id or error. */
  async function authenticateBoth(name: string, token: string | undefined) {
    const data = { model_name: name, model_version: '1.0', auth_token: token };
    const http = await postJson(`${grid.url}/model-centric/authenticate`, data);
    const overWs = (await ws.request('model-centric/authenticate', data)).data as Record<
      string,
      unknown
    >;
    expectNoLeak(JSON.stringify([http.body, overWs]));
    return { http, ws: overWs };
  }

  it('does not let a worker id from an open process join a protected one', async () => {
    const { http } = await authenticateBoth('open', undefined);
    const workerId = http.body.worker_id as string;

    const overHttp = await postJson(`${grid.url}/model-centric/cycle-request`, {
      worker_id: workerId,
      model: 'locked',
      version: '1.0',
    });
    const overWs = await ws.request('model-centric/cycle-request', {
      worker_id: workerId,
      model: 'locked',
      version: '1.0',
    });

    expect(overHttp.body).toMatchObject({ status: 'rejected', reason: 'unauthorized' });
    expect(overWs.data).toMatchObject({ status: 'rejected', reason: 'unauthorized' });
    expect(JSON.stringify([overHttp.body, overWs])).not.toContain('request_key');
  });

  it('accepts the right HS256 and RS256 tokens (the control case)', async () => {
    const good = [
      await hs(SECRET),
      await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey),
    ];

    for (const token of good) {
      const replies = await authenticateBoth('locked', token);
      expect(replies.http.status).toBe(200);
      expect(typeof replies.ws.worker_id).toBe('string');
    }
  });

  it.each([
    [
      'no token',
      () => Promise.resolve(undefined),
      "Authentication is required, please pass an 'auth_token'.",
    ],
    [
      'an empty token',
      () => Promise.resolve(''),
      "Authentication is required, please pass an 'auth_token'.",
    ],
    ['HS256 with the wrong secret', () => hs('not-the-secret'), INVALID],
    ['HS512 with the wrong secret', () => hs('not-the-secret', {}, 'HS512'), INVALID],
    [
      'RS256 signed by another key',
      () => new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(otherPrivateKey),
      INVALID,
    ],
    ['alg none', () => Promise.resolve(new UnsecuredJWT({}).encode()), INVALID],
    [
      'alg none with a signature',
      () => Promise.resolve(`${new UnsecuredJWT({}).encode()}c2ln`),
      INVALID,
    ],
    ['HS256 signed with the public key PEM as secret', () => hs(publicPem), INVALID],
    ['an expired token', () => hs(SECRET, { exp: nowSeconds() - 60 }), INVALID],
    ['a not-yet-valid token', () => hs(SECRET, { nbf: nowSeconds() + 600 }), INVALID],
    ['a token that is not a JWT', () => Promise.resolve('just kidding!'), INVALID],
    ['a JWT with a garbage header', () => Promise.resolve('eyJhbGciOiJ9.e30.c2ln'), INVALID],
    [
      'a huge token',
      () => Promise.resolve(`${'a'.repeat(20_000)}.${'b'.repeat(20_000)}.c`),
      INVALID,
    ],
  ])('refuses %s over HTTP (401) and WebSocket', async (_case, makeToken, message) => {
    const token = await makeToken();

    const replies = await authenticateBoth('locked', token);

    expect(replies.http.status).toBe(401);
    expect(replies.http.body).toEqual({ error: message });
    expect(replies.ws).toEqual({ error: message });
  });

  it('refuses HS256 signed with the public key PEM where the process has only a public key', async () => {
    const confused = await hs(publicPem);
    const stripped = await hs(publicPem.replace(/-----[^-]+-----|\s/g, ''));

    for (const token of [confused, stripped]) {
      const replies = await authenticateBoth('rsa-only', token);
      expect(replies.http.status).toBe(401);
      expect(replies.ws).toEqual({ error: INVALID });
    }
  });

  it('refuses owner actions without the owner token or with a wrong one, over HTTP and WebSocket', async () => {
    const before = await observableState(grid);
    const wrong = [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${grid.ownerToken}`,
      `Bearer ${grid.ownerToken.slice(0, -1)}`,
      `Bearer ${grid.ownerToken}x`,
      `Bearer ${grid.ownerToken.toUpperCase()}`,
      `Bearer ${'0'.repeat(grid.ownerToken.length)}`,
      `Bearer ${grid.ownerToken} ${grid.ownerToken}`,
    ];
    const hostBody = hostData({ name: 'intruder' });

    for (const authorization of wrong) {
      const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
      const hosted = await postJson(`${grid.url}/model-centric/host-training`, hostBody, headers);
      const retrieved = await getBytes(
        `${grid.url}/model-centric/retrieve-model?name=open`,
        headers,
      );
      const evaluated = await postJson(
        `${grid.url}/api/processes/1/checkpoints/1/evaluation`,
        { accuracy: 0.5 },
        headers,
      );
      for (const reply of [hosted.status, retrieved.status, evaluated.status]) {
        expect([401, 403], `${String(authorization)}`).toContain(reply);
      }
      expect(retrieved.type).not.toContain('octet-stream');
    }
    for (const token of [
      undefined,
      null,
      '',
      42,
      grid.ownerToken.slice(1),
      `${grid.ownerToken} `,
    ]) {
      const reply = await ws.request('model-centric/host-training', {
        ...hostBody,
        auth_token: token,
      });
      expect((reply.data as { error?: string }).error).toMatch(/owner token/);
    }

    expect(await observableState(grid)).toBe(before);
    expect(
      (await fetch(`${grid.url}/api/processes/1/evaluations`).then((r) => r.json())) as unknown[],
    ).toEqual([]);
  });
});

describe('secrets never reach the log (D8, STYLE.md)', () => {
  it('logs no owner token, auth token, secret, request key, worker id or diff during a full cycle', async () => {
    const grid = await startTestGrid();
    try {
      const ws = await WsClient.connect(grid.wsUrl);
      const secrets = new Set<string>([grid.ownerToken, SECRET]);
      await host(
        grid,
        hostData({
          name: 'private',
          serverConfig: { cycle_length: 3600, max_diffs: 2, authentication: { secret: SECRET } },
        }),
      );
      const hosted = await ws.request('model-centric/host-training', {
        ...hostData({ name: 'private-ws', serverConfig: { authentication: { secret: SECRET } } }),
        auth_token: grid.ownerToken,
      });
      expect(hosted.data).toEqual({ status: 'success' });

      for (let i = 0; i < 2; i++) {
        const token = await hs(SECRET, { sub: `worker-${i}` });
        secrets.add(token);
        const auth = (
          await ws.request('model-centric/authenticate', {
            model_name: 'private',
            auth_token: token,
          })
        ).data as Record<string, string>;
        const cycle = (
          await ws.request('model-centric/cycle-request', {
            worker_id: auth.worker_id,
            model: 'private',
            version: '1.0',
          })
        ).data as Record<string, string | number>;
        const key = cycle.request_key as string;
        const query = `worker_id=${auth.worker_id}&request_key=${key}`;
        expect(
          (
            await getBytes(
              `${grid.url}/model-centric/get-model?${query}&model_id=${cycle.model_id}`,
            )
          ).status,
        ).toBe(200);
        expect(
          (
            await getBytes(
              `${grid.url}/model-centric/get-plan?${query}&plan_id=1&receive_operations_as=tfjs`,
            )
          ).status,
        ).toBe(200);
        const diff = diffBase64([param([3], [0.125 + i, 0.25, 0.375])]);
        const reported = await postJson(`${grid.url}/model-centric/report`, {
          worker_id: auth.worker_id,
          request_key: key,
          diff,
        });
        expect(reported.status).toBe(200);
        // Failed attempts carry secrets too: a duplicate report and a wrong key.
        await postJson(`${grid.url}/model-centric/report`, {
          worker_id: auth.worker_id,
          request_key: key,
          diff,
        });
        await postJson(`${grid.url}/model-centric/authenticate`, {
          model_name: 'private',
          auth_token: `${token}x`,
        });
        secrets
          .add(auth.worker_id as string)
          .add(key)
          .add(diff)
          .add(diff.slice(8, 40))
          .add(`${token}x`);
      }
      await retrieve(grid, 'private');
      await getBytes(`${grid.url}/model-centric/retrieve-model?name=private`, {
        authorization: 'Bearer wrong-owner-token',
      });
      secrets.add('wrong-owner-token');
      secrets.add(bytesToBase64(await retrieve(grid, 'private')));
      ws.close();
      await new Promise((resolve) => setTimeout(resolve, 100));

      const log = grid.logLines.join('');
      expect(grid.logLines.length).toBeGreaterThan(20);
      expect(log).toContain('"route":"/model-centric/report"');
      for (const secret of secrets) {
        expect(log.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
      }
    } finally {
      await grid.stop();
    }
  });
});
