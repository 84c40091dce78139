import { Syft } from '@syft-ts/client';
import { selectBackend } from '@syft-ts/core';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { param, stateBytes, vectorBytes } from '../src/grid.test-helper.js';
import { junkValue, randomBytes } from './hostile.test-helper.js';

/** Cases sent; docs/robustness.md reports the number. */
export const REPLY_RUNS = 150;
const SEED = Number(process.env.HOSTILE_SEED ?? 20261203) + 2;

/** How the fake grid answers one route: a status and a body (JSON value, text or bytes). */
interface Answer {
  status: number;
  body: unknown;
}

const json = (body: unknown, status = 200): Answer => ({ status, body: JSON.stringify(body) });

const MODEL = stateBytes([param([3], [1, 2, 3])]);
const PLAN = vectorBytes('BANDIT_SIMPLE_PLAN');
const ACCEPTED = {
  status: 'accepted',
  request_key: 'k'.repeat(64),
  model: 'm',
  version: '1',
  plans: { training_plan: 1 },
  protocols: {},
  client_config: { batch_size: 1 },
  model_id: 1,
};

const anyAnswer = fc.oneof(
  junkValue.map((v) => json(v)),
  fc.constantFrom(500, 502, 404, 401, 413).map((status) => ({ status, body: '<html>oops</html>' })),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => ({ status: 200, body: text })),
  fc.constant({ status: 200, body: '' }),
);

const authAnswer = fc.oneof(
  { weight: 4, arbitrary: fc.constant(json({ status: 'success', worker_id: 'w1' })) },
  anyAnswer,
  junkValue.map((id) => json({ status: 'success', worker_id: id })),
  fc.constant(json({ error: 'x' }, 400)),
);

const cycleAnswer = fc.oneof(
  { weight: 3, arbitrary: fc.constant(json(ACCEPTED)) },
  fc
    .constantFrom('request_key', 'model_id', 'plans', 'client_config', 'status')
    .chain((key) => junkValue.map((v) => json({ ...ACCEPTED, [key]: v }))),
  fc
    .oneof(junkValue, fc.constantFrom('1:02:03', '-1 day, 23:59:58.5', 1e308, -5))
    .map((timeout) => json({ status: 'rejected', reason: 'cycle_full', timeout })),
  anyAnswer,
);

const bytesAnswer = (valid: Uint8Array) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({ status: 200, body: Buffer.from(valid) }) },
    randomBytes.map((b) => ({ status: 200, body: Buffer.from(b) })),
    fc.nat(valid.length - 1).map((n) => ({ status: 200, body: Buffer.from(valid.slice(0, n)) })),
    anyAnswer,
  );

describe('the worker library against a hostile grid: one event per job, never a crash', () => {
  let server: Server;
  let url: string;
  let script: Record<string, Answer> = {};
  beforeAll(async () => {
    await selectBackend('cpu');
    server = createServer((request, response) => {
      request.resume();
      const route = (request.url ?? '').split('?')[0]!.replace('/model-centric/', '');
      const answer = script[route] ?? json({ error: 'Not found.' }, 404);
      response.statusCode = answer.status;
      response.end(answer.body as string | Buffer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it(`fires exactly one of accepted, rejected or error for ${REPLY_RUNS} hostile reply sets`, async () => {
    const answers = fc.record({
      authenticate: authAnswer,
      'cycle-request': cycleAnswer,
      'get-model': bytesAnswer(MODEL),
      'get-plan': bytesAnswer(PLAN),
    });
    let accepted = 0;
    let rejected = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(answers, async (replies) => {
        script = replies;
        const worker = new Syft({
          url,
          verbose: true,
          logLevel: 'error',
          logSink: () => undefined,
        });
        const job = worker.newJob({ modelName: 'm', modelVersion: '1' });
        const events: string[] = [];
        job.on('accepted', () => void events.push('accepted'));
        job.on('rejected', ({ timeout }) => {
          events.push('rejected');
          expect(timeout === null || (Number.isFinite(timeout) && timeout >= 0)).toBe(true);
        });
        job.on('error', (error) => {
          events.push('error');
          expect(error).toBeInstanceOf(Error);
          expect(error.message.length).toBeGreaterThan(0);
        });

        await job.start();
        job.releaseCycle();

        expect(events).toHaveLength(1);
        if (events[0] === 'accepted') accepted++;
        else if (events[0] === 'rejected') rejected++;
        else errors++;
      }),
      { numRuns: REPLY_RUNS, seed: SEED },
    );
    // The generator reaches all three outcomes.
    expect(accepted).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(errors).toBeGreaterThan(0);
  });
});
