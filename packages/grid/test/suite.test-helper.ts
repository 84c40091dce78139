import { arraysFromState, decodeState } from '@syft-ts/core';
import { expect } from 'vitest';
import { getBytes, postJson, type TestGrid } from '../src/grid.test-helper.js';

/** A base URL and an owner token: an in-process test grid or a child-process grid. */
export interface GridAddress {
  url: string;
  ownerToken: string;
}

/** POSTs a report over HTTP. */
export const report = (grid: GridAddress, body: Record<string, unknown>) =>
  postJson(`${grid.url}/model-centric/report`, body);

/** The owner's download of a checkpoint (`retrieve-model`), as raw bytes; throws unless 200. */
export async function retrieve(
  grid: GridAddress,
  name: string,
  options: { version?: string; checkpoint?: string | number } = {},
): Promise<Uint8Array> {
  const query = new URLSearchParams({ name });
  if (options.version !== undefined) query.set('version', options.version);
  if (options.checkpoint !== undefined) query.set('checkpoint', String(options.checkpoint));
  const reply = await getBytes(`${grid.url}/model-centric/retrieve-model?${query.toString()}`, {
    authorization: `Bearer ${grid.ownerToken}`,
  });
  if (reply.status !== 200) {
    throw new Error(`retrieve-model ${query.toString()} answered ${reply.status}`);
  }
  return reply.bytes;
}

/** The float32 values of every tensor of a serialized State. */
export const stateArrays = (bytes: Uint8Array): Float32Array[] =>
  arraysFromState(decodeState(bytes)).map((a) => a.values);

/** The dashboard's cycle list of a process. */
export async function cycles(grid: GridAddress, processId = 1): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${grid.url}/api/processes/${processId}/cycles`);
  if (!response.ok) throw new Error(`cycles of ${processId} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>[];
}

/** Everything an observer can see of the grid's state: every process's cycles and counts. */
export async function observableState(grid: GridAddress): Promise<string> {
  const processes = (await (await fetch(`${grid.url}/api/processes`)).json()) as {
    id: number;
  }[];
  const perProcess = await Promise.all(processes.map((p) => cycles(grid, p.id)));
  return JSON.stringify({ processes, perProcess });
}

/** A stack frame (`    at f (file:1:2)`) or a source path: what a reply must never carry. */
const LEAK = /\n\s+at\s|\bat\s+\S+\s+\(|\/[\w.-]+\/[\w./-]+\.(?:ts|js|mjs|cjs)\b|node:internal/;

/**
 * Asserts that a reply text names no stack frame and no source file path (D9, W-35).
 *
 * @param text - the raw reply body or frame
 */
export function expectNoLeak(text: string): void {
  expect(text, 'reply leaks a stack trace or a file path').not.toMatch(LEAK);
}

/** The pino lines of an in-process test grid at level error (50) or above. */
export const errorLines = (grid: TestGrid): string[] =>
  grid.logLines.filter((line) => {
    const level = (JSON.parse(line) as { level?: number }).level;
    return typeof level === 'number' && level >= 50;
  });

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic PRNG (mulberry32), so that randomised tests replay from a seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
