import { arraysFromState, decodeState } from '@syft-ts/core';
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  host,
  hostData,
  joinCycle,
  postJson,
  startTestGrid,
  WsClient,
  type TestGrid,
} from '../src/grid.test-helper.js';
import { errorLines, expectNoLeak, observableState, retrieve } from './suite.test-helper.js';

/** Small limits, so that oversized inputs are cheap to send. */
export const LIMITS = { hostBytes: 1 << 20, reportBytes: 256 << 10, otherBytes: 64 << 10 };

/** A grid with one process (`target` 1.0, model [3]), an admitted worker and a snapshot. */
export interface HostileTarget {
  grid: TestGrid;
  ws: WsClient;
  /** Admitted to cycle 1, has not reported. */
  admitted: { workerId: string; requestKey: string };
  /** Authenticated, not admitted. */
  idle: string;
  /** What must not change: both checkpoints' bytes and every observable count. */
  snapshot: () => Promise<string>;
  before: string;
}

/** Starts the target grid and takes the "before" snapshot. */
export async function startHostileTarget(): Promise<HostileTarget> {
  const grid = await startTestGrid({ limits: LIMITS });
  await host(
    grid,
    hostData({ name: 'target', serverConfig: { cycle_length: 3600, max_diffs: 2 } }),
  );
  const joined = await joinCycle(grid, 'target', '1.0');
  const idle = await postJson(`${grid.url}/model-centric/authenticate`, {
    model_name: 'target',
    model_version: '1.0',
  });
  const snapshot = async () =>
    JSON.stringify({
      latest: Array.from(await retrieve(grid, 'target')),
      first: Array.from(await retrieve(grid, 'target', { checkpoint: 1 })),
      state: await observableState(grid),
    });
  return {
    grid,
    ws: await WsClient.connect(grid.wsUrl),
    admitted: { workerId: joined.workerId, requestKey: joined.cycle.request_key as string },
    idle: idle.body.worker_id as string,
    snapshot,
    before: await snapshot(),
  };
}

/** After a hostile run: nothing changed, nothing was logged as a bug, the grid still answers. */
export async function expectUnharmed(target: HostileTarget): Promise<void> {
  const ping = await target.ws.request('socket-ping', {});
  expect(ping.alive).toBe('True');
  expect(await target.snapshot()).toBe(target.before);
  expect(errorLines(target.grid)).toEqual([]);
}

/** Asserts an HTTP answer is a clear refusal: 4xx, `{"error": text}`, no stack, no path. */
export function expectHttpRefusal(status: number, text: string): void {
  expectNoLeak(text);
  expect(status, text).toBeGreaterThanOrEqual(400);
  expect(status, text).toBeLessThan(500);
  const body = JSON.parse(text) as { error?: unknown };
  expect(typeof body.error, text).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
}

/** Asserts a WebSocket reply is a clear refusal: `error` or `data.error`, no stack, no path. */
export function expectWsRefusal(reply: Record<string, unknown>): void {
  const text = JSON.stringify(reply);
  expectNoLeak(text);
  const data = reply.data as Record<string, unknown> | undefined;
  const error = reply.error ?? data?.error;
  expect(typeof error, text).toBe('string');
  expect(error as string, text).not.toMatch(/^Internal error/);
  expect(data?.status, text).not.toBe('success');
  expect(data?.status, text).not.toBe('accepted');
}

/** Keys that try to reach prototypes, mixed with ordinary junk keys. */
const junkKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** Numbers a parser may choke on. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1e308, -1e308, 2 ** 53, 2 ** 64, -(2 ** 63), 5e-324, 0.5, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
);

/** Strings: unicode junk, lone surrogates, control characters, huge ids, JSON look-alikes. */
export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    '\u0000',
    '\ud800',
    '\u202e\u0041',
    'null',
    'NaN',
    '-Infinity',
    '1e400',
    '0x10',
    '99999999999999999999999999999999',
    '-1',
    '../../etc/passwd',
    "' OR 1=1 --",
    '%00',
    'a'.repeat(5000),
  ),
);

/** Any JSON value of a wrong or odd kind, prototype keys included. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileNumber,
    hostileString,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(junkKey, tie('value'), { maxKeys: 3 }),
  ),
})).value;

/** A JSON value that is not a string (nor null/absent, which mean "not sent"). */
export const nonString = junkValue.filter((v) => typeof v !== 'string' && v !== null);

/** Raw bytes, including none at all. */
export const randomBytes = fc.uint8Array({ maxLength: 300 });

/**
 * Whether `bytes` is, by accident, a diff the target model would accept (a State of one
 * float32 tensor of shape [3] with finite values); such cases are skipped, not sent.
 */
export function isValidTargetDiff(bytes: Uint8Array): boolean {
  try {
    const arrays = arraysFromState(decodeState(bytes));
    return (
      arrays.length === 1 &&
      arrays[0]!.shape.length === 1 &&
      arrays[0]!.shape[0] === 3 &&
      arrays[0]!.values.every((v) => Number.isFinite(v))
    );
  } catch {
    return false;
  }
}

/** Serialises a body, turning NaN/Infinity into the invalid JSON tokens a hostile client might send. */
export function rawJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? `@@${String(v)}@@` : v,
  ).replace(/"@@(NaN|Infinity|-Infinity)@@"/g, '$1');
}
