import {
  base64ToBytes,
  bytesToBase64,
  bytesToHex,
  encodeState,
  stateFromArrays,
} from '@syft-ts/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostData, param, stateBytes, vectorBytes } from '../src/grid.test-helper.js';
import {
  expectHttpRefusal,
  expectUnharmed,
  expectWsRefusal,
  hostileNumber,
  hostileString,
  isValidTargetDiff,
  junkValue,
  nonString,
  randomBytes,
  rawJson,
  startHostileTarget,
  type HostileTarget,
} from './hostile.test-helper.js';

/** Replay another sequence with HOSTILE_SEED=<n>. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261203);
const transport = fc.constantFrom('http' as const, 'ws' as const);
const extras = fc.dictionary(fc.string({ maxLength: 10 }), junkValue, { maxKeys: 3 });
const VALID_DIFF = stateBytes([param([3], [0.5, 0.5, 0.5])]);

/** Cases sent per property; the sum is what docs/robustness.md reports. */
export const MESSAGE_RUNS = { authenticate: 100, cycleRequest: 150, report: 300, host: 200 };

/** A breaking change to one field: delete it or set a value. */
type Mutation = { field: string; value?: unknown; raw?: boolean };

const set = (field: string, value: fc.Arbitrary<unknown>): fc.Arbitrary<Mutation> =>
  value.map((v) => ({ field, value: v }));
const drop = (field: string): fc.Arbitrary<Mutation> => fc.constant({ field });

/** Applies extra junk fields, then the breaking mutation (which wins). */
function mutated(base: Record<string, unknown>, junk: Record<string, unknown>, m: Mutation) {
  const body: Record<string, unknown> = { ...base, ...junk };
  if (!('value' in m)) delete body[m.field];
  else body[m.field] = m.value;
  return body;
}

/** Sends one message over a transport and asserts it was refused clearly. */
async function sendRefused(
  t: HostileTarget,
  via: 'http' | 'ws',
  type: string,
  body: Record<string, unknown>,
): Promise<void> {
  const owner = type === 'host-training';
  const text = rawJson(owner && via === 'ws' ? { ...body, auth_token: t.grid.ownerToken } : body);
  if (via === 'http') {
    const response = await fetch(`${t.grid.url}/model-centric/${type}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(owner ? { authorization: `Bearer ${t.grid.ownerToken}` } : {}),
      },
      body: text,
    });
    expectHttpRefusal(response.status, await response.text());
    return;
  }
  expectWsRefusal(
    await t.ws.raw(`{"type":"model-centric/${type}","request_id":"h","data":${text}}`),
  );
}

describe('hostile messages over HTTP and WebSocket: refused clearly, nothing changes', () => {
  let t: HostileTarget;
  beforeAll(async () => {
    t = await startHostileTarget();
  });
  afterAll(async () => {
    t.ws.close();
    await t.grid.stop();
  });

  it(`authenticate: ${MESSAGE_RUNS.authenticate} malformed requests`, async () => {
    const mutation = fc.oneof(
      drop('model_name'),
      set(
        'model_name',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== 'target'),
        ),
      ),
      set(
        'model_version',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== '' && s !== '1.0'),
        ),
      ),
      set('auth_token', nonString),
    );
    await fc.assert(
      fc.asyncProperty(transport, extras, mutation, async (via, junk, m) => {
        const base = { model_name: 'target', model_version: '1.0' };
        await sendRefused(t, via, 'authenticate', mutated(base, junk, m));
      }),
      { numRuns: MESSAGE_RUNS.authenticate, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`cycle-request: ${MESSAGE_RUNS.cycleRequest} malformed requests`, async () => {
    const notAWorker = hostileString.filter((s) => s !== t.idle && s !== t.admitted.workerId);
    const badSpeed = fc.oneof(
      fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, -1e308),
      hostileString,
      fc.boolean(),
      fc.array(hostileNumber, { maxLength: 2 }),
      fc.dictionary(fc.string(), hostileNumber, { maxKeys: 2 }),
    );
    const mutation = fc.oneof(
      drop('worker_id'),
      set('worker_id', fc.oneof(nonString, notAWorker)),
      drop('model'),
      set(
        'model',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== 'target'),
        ),
      ),
      set(
        'version',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== '' && s !== '1.0'),
        ),
      ),
      set('ping', badSpeed),
      set('download', badSpeed),
      set('upload', badSpeed),
    );
    await fc.assert(
      fc.asyncProperty(transport, extras, mutation, async (via, junk, m) => {
        const base = { worker_id: t.idle, model: 'target', version: '1.0' };
        await sendRefused(t, via, 'cycle-request', mutated(base, junk, m));
      }),
      { numRuns: MESSAGE_RUNS.cycleRequest, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`report: ${MESSAGE_RUNS.report} malformed reports (truncated, random and wrong-shaped diffs, NaN, bad base64)`, async () => {
    const wrongShape = fc.constantFrom(
      [param([4], [1, 2, 3, 4])],
      [param([3, 1], [1, 2, 3])],
      [param([1, 3], [1, 2, 3])],
      [param([], [1])],
      [param([0], [])],
      [param([3], [1, 2, 3]), param([3], [1, 2, 3])],
      [],
    );
    const nonFinite = fc
      .constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)
      .chain((bad) =>
        fc.nat(2).map((at) => [
          param(
            [3],
            [0, 0, 0].map((v, i) => (i === at ? bad : v)),
          ),
        ]),
      );
    const diffBytes = fc.oneof(
      randomBytes,
      fc.nat(VALID_DIFF.length - 1).map((n) => VALID_DIFF.slice(0, n)),
      fc
        .array(fc.tuple(fc.nat(VALID_DIFF.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        })
        .map((flips) => {
          const bytes = VALID_DIFF.slice();
          for (const [at, value] of flips) bytes[at] = value;
          return bytes;
        }),
      wrongShape.map((params) => encodeState(stateFromArrays(params))),
      nonFinite.map((params) => encodeState(stateFromArrays(params))),
    );
    const decodesValid = (text: string): boolean => {
      try {
        return isValidTargetDiff(base64ToBytes(text));
      } catch {
        return false;
      }
    };
    const mutation = fc.oneof(
      { weight: 6, arbitrary: set('diff', diffBytes.map(bytesToBase64)) },
      set('diff', hostileString),
      set('diff', nonString),
      drop('diff'),
      set(
        'worker_id',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== t.admitted.workerId),
        ),
      ),
      set(
        'request_key',
        fc.oneof(
          nonString,
          hostileString.filter((s) => s !== t.admitted.requestKey),
        ),
      ),
      set(
        'num_samples',
        fc.oneof(
          fc.constantFrom(0, -1, 0.5, 2 ** 53, 1e308, Number.NaN, Number.POSITIVE_INFINITY),
          fc.integer({ max: 0 }),
          hostileString,
          fc.boolean(),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(transport, extras, mutation, async (via, junk, m) => {
        if (m.field === 'diff' && typeof m.value === 'string') fc.pre(!decodesValid(m.value));
        const base = {
          worker_id: t.admitted.workerId,
          request_key: t.admitted.requestKey,
          diff: bytesToBase64(VALID_DIFF),
        };
        await sendRefused(t, via, 'report', mutated(base, junk, m));
      }),
      { numRuns: MESSAGE_RUNS.report, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`host-training: ${MESSAGE_RUNS.host} malformed hosts (random and truncated models and plans, bad configs)`, async () => {
    const plan = vectorBytes('BANDIT_SIMPLE_PLAN');
    const model = stateBytes([param([3], [1, 2, 3])]);
    const brokenBytes = (valid: Uint8Array) =>
      fc.oneof(
        randomBytes,
        fc.nat(valid.length - 1).map((n) => valid.slice(0, n)),
        fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })).map(([at, v]) => {
          const bytes = valid.slice();
          bytes[at] = v;
          return bytes;
        }),
      );
    const notHex = hostileString.filter((s) => !/^([0-9a-fA-F]{2})*$/.test(s));
    const serverConfig = hostData().server_config as Record<string, unknown>;
    const badServerConfig = fc.oneof(
      nonString.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
      fc.constant({ ...serverConfig, cycle_length: undefined }),
      fc
        .oneof(
          hostileNumber.filter((n) => !(n > 0 && n <= 315_360_000)),
          hostileString,
          fc.boolean(),
        )
        .map((v) => ({ ...serverConfig, cycle_length: v })),
      fc
        .constantFrom('num_cycles', 'max_diffs', 'min_diffs', 'max_workers', 'min_workers')
        .chain((key) =>
          fc
            .oneof(fc.constantFrom(-1, 0.5, 1e308, -1e308), hostileString)
            .map((v) => ({ ...serverConfig, [key]: v })),
        ),
      fc.constant({ ...serverConfig, min_diffs: 5, max_diffs: 2 }),
      hostileString.map((s) => ({ ...serverConfig, pool_selection: s })),
      hostileString.map((s) => ({ ...serverConfig, authentication: { endpoint: s } })),
      nonString.map((v) => ({ ...serverConfig, iterative_plan: v })),
    );
    const mutation = fc.oneof(
      drop('model'),
      set('model', fc.oneof(nonString, notHex)),
      { weight: 3, arbitrary: set('model', brokenBytes(model).map(bytesToHex)) },
      set('plans', fc.oneof(nonString, fc.constant({}))),
      set(
        'plans',
        fc.oneof(nonString, notHex).map((v) => ({ training_plan: v })),
      ),
      {
        weight: 3,
        arbitrary: set(
          'plans',
          brokenBytes(plan).map((b) => ({ training_plan: bytesToHex(b) })),
        ),
      },
      set('averaging_plan', fc.oneof(nonString, notHex)),
      set('averaging_plan', randomBytes.filter((b) => b.length > 0).map(bytesToHex)),
      set(
        'protocols',
        fc.oneof(
          nonString.filter((v) => v !== undefined),
          notHex.map((v) => ({ p: v })),
        ),
      ),
      set(
        'client_config',
        fc.oneof(
          nonString,
          fc.constant({ name: 'target' }),
          nonString.map((v) => ({ name: v, version: '1.0' })),
        ),
      ),
      drop('client_config'),
      drop('server_config'),
      set('server_config', badServerConfig),
    );
    await fc.assert(
      fc.asyncProperty(transport, mutation, async (via, m) => {
        // A host that turns out valid answers 409 (target 1.0 exists) and changes nothing too.
        const base = hostData({
          name: 'target',
          serverConfig: { cycle_length: 3600, max_diffs: 2 },
        });
        await sendRefused(t, via, 'host-training', mutated(base, {}, m));
      }),
      { numRuns: MESSAGE_RUNS.host, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it('refuses NaN and Infinity tokens, truncated JSON and oversized bodies with a clear 4xx', async () => {
    const report = JSON.stringify({
      worker_id: t.admitted.workerId,
      request_key: t.admitted.requestKey,
      diff: 'AAAA',
    });
    const bodies = [
      `{"model_name":"target","model_version":NaN}`,
      `{"worker_id":"${t.idle}","model":"target","ping":Infinity}`,
      report.slice(0, 20),
      report.slice(0, report.length - 1),
      '',
      '[]',
      '"just a string"',
      `{"model_name":"${'x'.repeat(70_000)}"}`,
    ];

    const replies = await Promise.all(
      bodies.map(async (body, i) => {
        const type = i === 1 ? 'cycle-request' : i < 4 && i > 1 ? 'report' : 'authenticate';
        const response = await fetch(`${t.grid.url}/model-centric/${type}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        return { status: response.status, text: await response.text() };
      }),
    );

    replies.forEach((r) => expectHttpRefusal(r.status, r.text));
    expect(replies[7]!.status).toBe(413);
    expect(replies[7]!.text).toContain(String(64 << 10));
    await expectUnharmed(t);
  });
});
