import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectHttpRefusal,
  expectUnharmed,
  expectWsRefusal,
  hostileNumber,
  hostileString,
  junkValue,
  randomBytes,
  startHostileTarget,
  type HostileTarget,
} from './hostile.test-helper.js';
import { expectNoLeak } from './suite.test-helper.js';

/** Replay another sequence with HOSTILE_SEED=<n>. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261203) + 1;

/** Cases sent per property; the sum is what docs/robustness.md reports. */
export const QUERY_RUNS = {
  downloads: 200,
  ownerRoutes: 100,
  dashboard: 80,
  mnist: 40,
  frames: 200,
};

/** A query value: junk text, a huge or negative number, or a repeated key (an array). */
const queryValue = fc.oneof(
  hostileString,
  hostileNumber.map(String),
  fc.array(fc.string({ maxLength: 5 }), { minLength: 2, maxLength: 3 }),
);

function queryString(params: Record<string, unknown>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((v) => query.append(key, String(v)));
    else if (value !== undefined) query.append(key, String(value));
  }
  return query.toString();
}

/** A path segment from any string (lone surrogates cannot be percent-encoded). */
const pathSegment = (s: string): string =>
  encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));

async function getRefused(url: string, headers: Record<string, string> = {}): Promise<void> {
  const response = await fetch(url, { headers });
  expectHttpRefusal(response.status, await response.text());
}

describe('hostile queries, paths and frames: refused clearly, nothing changes', () => {
  let t: HostileTarget;
  beforeAll(async () => {
    t = await startHostileTarget();
  });
  afterAll(async () => {
    t.ws.close();
    await t.grid.stop();
  });

  it(`get-model, get-plan, get-protocol, speed-test: ${QUERY_RUNS.downloads} malformed queries`, async () => {
    const notAdmitted = queryValue.filter((v) => v !== t.admitted.workerId && v !== t.idle);
    const route = fc.constantFrom('get-model', 'get-plan', 'get-protocol', 'speed-test');
    const params = fc.record(
      {
        worker_id: fc.oneof(notAdmitted, fc.constant(undefined)),
        request_key: fc.oneof(queryValue, fc.constant(t.admitted.requestKey)),
        model_id: fc.oneof(queryValue, fc.constant('1')),
        plan_id: fc.oneof(queryValue, fc.constant('1')),
        protocol_id: queryValue,
        receive_operations_as: fc.oneof(queryValue, fc.constantFrom('tfjs', 'list', 'torchscript')),
        is_ping: fc.oneof(queryValue, fc.constant(undefined)),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(route, params, fc.boolean(), async (path, query, post) => {
        const url = `${t.grid.url}/model-centric/${path}?${queryString(query)}`;
        if (path === 'speed-test' && post) {
          const response = await fetch(url, { method: 'POST', body: 'x'.repeat(100) });
          expectHttpRefusal(response.status, await response.text());
          return;
        }
        await getRefused(url);
      }),
      { numRuns: QUERY_RUNS.downloads, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`retrieve-model and evaluation recording with the owner token: ${QUERY_RUNS.ownerRoutes} malformed requests`, async () => {
    const owner = { authorization: `Bearer ${t.grid.ownerToken}` };
    const checkpoint = queryValue.filter(
      (v) =>
        typeof v !== 'string' ||
        !(v === '' || v === 'latest' || (/^\d+$/.test(v) && Number(v) === 1)),
    );
    const retrieveCase = fc
      .record({
        name: fc.oneof(queryValue, fc.constant('target')),
        version: queryValue,
        checkpoint,
      })
      .map((q) => ({ kind: 'retrieve' as const, q }));
    const evaluationCase = fc
      .record({
        id: fc.oneof(hostileString.map(pathSegment), fc.constant('1')),
        number: fc.oneof(hostileString.map(pathSegment), fc.constant('1')),
        body: fc.oneof(
          junkValue,
          fc.record({ accuracy: fc.oneof(fc.constantFrom(-0.1, 1.5, 1e308), hostileString) }),
          fc.record({ loss: fc.oneof(fc.constantFrom(-1, -1e308), hostileString) }),
          fc.record({ examples: fc.constantFrom(0, -3, 0.5) }),
        ),
      })
      .filter((c) => !(c.id === '1' && c.number === '1'))
      .map((e) => ({ kind: 'evaluation' as const, e }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(retrieveCase, evaluationCase), async (c) => {
        if (c.kind === 'retrieve') {
          await getRefused(`${t.grid.url}/model-centric/retrieve-model?${queryString(c.q)}`, owner);
          return;
        }
        const response = await fetch(
          `${t.grid.url}/api/processes/${c.e.id}/checkpoints/${c.e.number}/evaluation`,
          {
            method: 'POST',
            headers: { ...owner, 'content-type': 'application/json' },
            body: JSON.stringify(c.e.body) ?? '',
          },
        );
        expectHttpRefusal(response.status, await response.text());
      }),
      { numRuns: QUERY_RUNS.ownerRoutes, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`dashboard reads: ${QUERY_RUNS.dashboard} malformed ids`, async () => {
    const id = hostileString
      .filter((s) => !(/^\s*[+]?0*1(\.0*)?\s*$/.test(s) || Number(s) === 1))
      .map(pathSegment)
      .filter((s) => s.length > 0 && s !== '.' && s !== '..');
    await fc.assert(
      fc.asyncProperty(id, fc.constantFrom('cycles', 'evaluations'), async (processId, what) => {
        await getRefused(`${t.grid.url}/api/processes/${processId}/${what}`);
      }),
      { numRuns: QUERY_RUNS.dashboard, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`MNIST slices: ${QUERY_RUNS.mnist} malformed splits, offsets and counts`, async () => {
    const slice = fc.record({
      split: fc.oneof(fc.constantFrom('train', 'test'), hostileString.map(pathSegment)),
      offset: fc.oneof(queryValue, fc.constant(undefined)),
      count: fc.oneof(queryValue, fc.constant(undefined)),
    });
    const isValid = (q: { split: string; offset: unknown; count: unknown }): boolean => {
      const offset = q.offset === undefined ? 0 : Number(q.offset);
      const count = Number(q.count);
      const size = q.split === 'train' ? 60_000 : 10_000;
      return (
        (q.split === 'train' || q.split === 'test') &&
        typeof q.count === 'string' &&
        (q.offset === undefined || typeof q.offset === 'string') &&
        Number.isInteger(offset) &&
        Number.isInteger(count) &&
        offset >= 0 &&
        count >= 1 &&
        count <= 10_000 &&
        offset + count <= size
      );
    };
    await fc.assert(
      fc.asyncProperty(slice, async (q) => {
        fc.pre(q.split.length > 0 && q.split !== '.' && q.split !== '..' && !isValid(q));
        const query = queryString({ offset: q.offset, count: q.count });
        await getRefused(`${t.grid.url}/data/mnist/${q.split}?${query}`);
      }),
      { numRuns: QUERY_RUNS.mnist, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it(`WebSocket frames: ${QUERY_RUNS.frames} binary, non-JSON, non-object, unknown-type and oversized frames`, async () => {
    const known = new Set([
      'socket-ping',
      'model-centric/host-training',
      'model-centric/authenticate',
      'model-centric/cycle-request',
      'model-centric/report',
    ]);
    const valid = JSON.stringify({
      type: 'model-centric/report',
      data: { worker_id: t.admitted.workerId, request_key: t.admitted.requestKey, diff: 'AAAA' },
    });
    const frame = fc.oneof(
      randomBytes.map((b) => ({ binary: true, frame: Buffer.from(b) })),
      fc
        .oneof(
          fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => {
            try {
              JSON.parse(s);
              return false;
            } catch {
              return true;
            }
          }),
          fc.nat(valid.length - 1).map((n) => valid.slice(0, n)),
          junkValue
            .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
            .map((v) => JSON.stringify(v) ?? 'undefined'),
          fc
            .record({ type: junkValue.filter((v) => typeof v !== 'string'), data: junkValue })
            .map((m) => JSON.stringify(m)),
          fc
            .record({
              type: fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !known.has(s)),
              request_id: junkValue,
              data: junkValue,
            })
            .map((m) => JSON.stringify(m)),
          fc
            .constantFrom('model-centric/authenticate', 'model-centric/cycle-request')
            .map((type) => JSON.stringify({ type, data: { model_name: 'x'.repeat(70_000) } })),
        )
        .map((text) => ({ binary: false, frame: Buffer.from(text) })),
    );
    await fc.assert(
      fc.asyncProperty(frame, async ({ binary, frame: bytes }) => {
        const reply = await t.ws.raw(binary ? bytes : bytes.toString(), binary);
        expectWsRefusal(reply);
      }),
      { numRuns: QUERY_RUNS.frames, seed: SEED },
    );
    await expectUnharmed(t);
  });

  it('answers unknown routes, methods and paths with a 404 JSON error', async () => {
    const attempts = [
      fetch(`${t.grid.url}/model-centric/req-join?model_id=1`),
      fetch(`${t.grid.url}/model-centric/../../etc/passwd`),
      fetch(`${t.grid.url}/web/..%2F..%2Fpackage.json`),
      fetch(`${t.grid.url}/model-centric/report`, { method: 'GET' }),
      fetch(`${t.grid.url}/model-centric/retrieve-model`, { method: 'DELETE' }),
    ];

    const replies = await Promise.all(
      attempts.map(async (p) => {
        const r = await p;
        return { status: r.status, text: await r.text() };
      }),
    );

    for (const r of replies) {
      expectNoLeak(r.text);
      expect([400, 404, 405]).toContain(r.status);
    }
    await expectUnharmed(t);
  });
});
