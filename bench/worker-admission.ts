/**
 * The two admission steps every benchmark worker goes through over WebSocket: authenticate
 * (a new worker id) and cycle-request (a request key for the open cycle).
 */
import type { GridConnection, ReplyFrame } from './ws-connection.js';

/** A worker admitted into the current cycle. */
export interface AdmittedWorker {
  workerId: string;
  requestKey: string;
}

/** Fails with the reply when it is not what the benchmark needs. */
export function expectField(reply: ReplyFrame, field: string, step: string): string {
  const value = reply.data?.[field];
  if (typeof value !== 'string') throw new Error(`${step} failed: ${JSON.stringify(reply)}`);
  return value;
}

/** Authenticates a new worker for `model` and returns its id. */
export async function authenticateWorker(conn: GridConnection, model: string): Promise<string> {
  const reply = await conn.request('model-centric/authenticate', { model_name: model });
  return expectField(reply, 'worker_id', 'authenticate');
}

/** Asks for a place in the cycle; returns the request key of an accepted worker. */
export async function requestCycle(
  conn: GridConnection,
  workerId: string,
  model: string,
  version: string,
): Promise<string> {
  const reply = await conn.request('model-centric/cycle-request', {
    worker_id: workerId,
    model,
    version,
  });
  return expectField(reply, 'request_key', 'cycle-request');
}

/** Authenticates and admits `count` workers, spread over `connections` (each in order). */
export async function admitWorkers(
  connections: GridConnection[],
  count: number,
  model: string,
  version: string,
): Promise<AdmittedWorker[]> {
  const workers: AdmittedWorker[] = new Array<AdmittedWorker>(count);
  let next = 0;
  await Promise.all(
    connections.map(async (conn) => {
      while (next < count) {
        const index = next++;
        const workerId = await authenticateWorker(conn, model);
        const requestKey = await requestCycle(conn, workerId, model, version);
        workers[index] = { workerId, requestKey };
      }
    }),
  );
  return workers;
}
