import {
  bytesToBase64,
  bytesToHex,
  encodeState,
  stateFromArrays,
  type ParameterArray,
} from '@syft-ts/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import WebSocket from 'ws';
import { pysyftVectors, vectorBytes } from '../../../test-support/vectors/index.js';
import { startGrid, type GridHandle, type GridOptions } from './grid.js';

/** The PySyft vectors (base64 protobufs) of test-support/vectors. */
export const vectors = pysyftVectors();

/** Bytes of a vector. */
export { vectorBytes };

/** A running test grid with captured log lines and its temp data folder. */
export interface TestGrid extends GridHandle {
  dataDir: string;
  logLines: string[];
  stop(): Promise<void>;
}

/** Starts a grid on 127.0.0.1, port 0, with a fresh temp data folder and captured logs. */
export async function startTestGrid(options: Partial<GridOptions> = {}): Promise<TestGrid> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'syft-grid-test-'));
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
  const grid = await startGrid({ port: 0, dataDir, logger, ...options });
  return {
    ...grid,
    dataDir,
    logLines,
    stop: async () => {
      await grid.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A serialized State of float32 parameters. */
export const stateBytes = (params: ParameterArray[]): Uint8Array =>
  encodeState(stateFromArrays(params));

/** A float32 parameter. */
export const param = (shape: number[], values: number[]): ParameterArray => ({
  shape,
  values: Float32Array.from(values),
});

/** A base64 diff for report. */
export const diffBase64 = (params: ParameterArray[]): string => bytesToBase64(stateBytes(params));

/** The `host-training` data for a process with the bandit plan and a model of given params. */
export function hostData(
  overrides: {
    name?: string;
    version?: string;
    model?: ParameterArray[];
    serverConfig?: Record<string, unknown>;
    clientConfig?: Record<string, unknown>;
    averagingPlan?: string;
    protocols?: Record<string, string>;
  } = {},
): Record<string, unknown> {
  return {
    model: bytesToHex(stateBytes(overrides.model ?? [param([3], [1, 2, 3])])),
    plans: { training_plan: bytesToHex(vectorBytes('BANDIT_SIMPLE_PLAN')) },
    protocols: overrides.protocols ?? {},
    averaging_plan: overrides.averagingPlan ?? '',
    client_config: {
      name: overrides.name ?? 'bandit',
      version: overrides.version ?? '1.0',
      ...overrides.clientConfig,
    },
    server_config: { cycle_length: 3600, max_diffs: 2, num_cycles: 3, ...overrides.serverConfig },
  };
}

/** A WebSocket client that matches replies by request_id. */
export class WsClient {
  private next = 0;
  private readonly waiting = new Map<string, (reply: Record<string, unknown>) => void>();
  private readonly unmatched: Record<string, unknown>[] = [];
  private readonly unmatchedWaiters: ((reply: Record<string, unknown>) => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const reply = JSON.parse(String(raw)) as Record<string, unknown>;
      const id = reply.request_id;
      const resolve = typeof id === 'string' ? this.waiting.get(id) : undefined;
      if (resolve) {
        this.waiting.delete(id as string);
        resolve(reply);
        return;
      }
      const waiter = this.unmatchedWaiters.shift();
      if (waiter) waiter(reply);
      else this.unmatched.push(reply);
    });
  }

  /** Connects to a grid. */
  static async connect(url: string): Promise<WsClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new WsClient(socket);
  }

  /** Sends `{type, data, request_id}` and resolves with the matching reply. */
  request(type: string, data: unknown): Promise<Record<string, unknown>> {
    const id = `r${++this.next}`;
    const reply = new Promise<Record<string, unknown>>((resolve) => this.waiting.set(id, resolve));
    this.socket.send(JSON.stringify({ type, data, request_id: id }));
    return reply;
  }

  /** Sends a raw frame and resolves with the next reply that carries no known request_id. */
  raw(frame: string | Buffer, binary = false): Promise<Record<string, unknown>> {
    const queued = this.unmatched.shift();
    const reply = queued
      ? Promise.resolve(queued)
      : new Promise<Record<string, unknown>>((resolve) => this.unmatchedWaiters.push(resolve));
    this.socket.send(frame, { binary });
    return reply;
  }

  close(): void {
    this.socket.close();
  }
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** GETs a URL and returns status, content type and the body as bytes. */
export async function getBytes(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  status: number;
  type: string;
  bytes: Uint8Array;
  json: () => Record<string, unknown>;
}> {
  const response = await fetch(url, { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes,
    json: () => JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>,
  };
}

/** Hosts a process over HTTP with the owner token. */
export async function host(grid: GridHandle, data: Record<string, unknown>): Promise<void> {
  const reply = await postJson(`${grid.url}/model-centric/host-training`, data, {
    authorization: `Bearer ${grid.ownerToken}`,
  });
  if (reply.status !== 200) throw new Error(`hosting failed: ${JSON.stringify(reply.body)}`);
}

/** Authenticates and requests a cycle over HTTP; returns the worker id and the reply. */
export async function joinCycle(
  grid: GridHandle,
  name = 'bandit',
  version = '1.0',
  extra: Record<string, unknown> = {},
): Promise<{ workerId: string; cycle: Record<string, unknown> }> {
  const auth = await postJson(`${grid.url}/model-centric/authenticate`, {
    model_name: name,
    model_version: version,
  });
  const workerId = auth.body.worker_id as string;
  const cycle = await postJson(`${grid.url}/model-centric/cycle-request`, {
    worker_id: workerId,
    model: name,
    version,
    ...extra,
  });
  return { workerId, cycle: cycle.body };
}
