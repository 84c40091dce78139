import cors from '@fastify/cors';
import * as tf from '@tensorflow/tfjs';
import Fastify, { type FastifyBodyParser } from 'fastify';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { loadOwnerToken } from './auth/owner-token.js';
import { DEFAULT_LIMITS, type GridContext, type GridLimits } from './context.js';
import { DeadlineTimer } from './cycle/deadline-timer.js';
import { DiffSlots } from './diff-slots.js';
import { ProcessFactsCache } from './process-facts.js';
import { GroupCommit } from './store/group-commit.js';
import { SqliteGridStore } from './store/sqlite-store.js';
import type { GridStore } from './store/store.js';
import { replyWithError } from './transport/http-errors.js';
import { registerHttpRoutes } from './transport/http-routes.js';
import { parseJsonText } from './transport/json-text.js';
import { registerWebRoutes } from './transport/web-routes.js';
import { attachWebSocket } from './transport/ws-server.js';

/**
 * Most report diffs decoded in memory at once while they wait for their commit: a bounded
 * multiple of the model size, whatever the number of reports (D6).
 */
const DIFF_SLOTS = 16;

/** Options of {@link startGrid}. */
export interface GridOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** The data folder: database, owner token. Created if missing. */
  dataDir: string;
  /** A pino logger; default: info level to stdout. */
  logger?: Logger;
  /** Request size limits; unset fields keep {@link DEFAULT_LIMITS}. */
  limits?: Partial<GridLimits>;
  /** Timeout of a process's third-party authentication endpoint (default 5000 ms). */
  authEndpointTimeoutMs?: number;
  /** A store to use instead of the SQLite file in `dataDir` (for example PostgreSQL). */
  store?: GridStore;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Uniform random numbers in [0, 1) for random pool selection (tests). */
  random?: () => number;
}

/** A running grid. */
export interface GridHandle {
  /** `http://host:port`. */
  url: string;
  /** `ws://host:port`. */
  wsUrl: string;
  /** The owner token: needed to host processes and retrieve checkpoints. */
  ownerToken: string;
  /** Where the owner token file is. */
  ownerTokenPath: string;
  /** Stops accepting requests, waits for the timer, closes sockets and the store. */
  close(): Promise<void>;
}

/**
 * Starts a grid node: HTTP under `/model-centric/`, WebSocket at `/`, dashboard reads under
 * `/api/`, all state in the data folder.
 *
 * @example
 * ```ts
 * const grid = await startGrid({ port: 5000, dataDir: './grid-data' });
 * console.log(grid.url, 'owner token in', grid.ownerTokenPath);
 * await grid.close();
 * ```
 * @param options - port, host, data folder and optional logger, limits and store
 * @returns the running grid
 */
export async function startGrid(options: GridOptions): Promise<GridHandle> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = options.logger ?? pino({ name: 'syft-grid' });
  const owner = loadOwnerToken(dataDir);
  log.info(
    { ownerTokenPath: owner.path, created: owner.created },
    owner.created ? 'owner token created' : 'owner token loaded',
  );
  const store = options.store ?? new SqliteGridStore(dataDir);
  // Averaging plans run on whatever tfjs backend the embedding program chose, else the default.
  await tf.ready().catch(async () => {
    log.warn('default tfjs backend failed to start; using cpu');
    await tf.setBackend('cpu');
  });

  const timerRef: { current?: DeadlineTimer } = {};
  const ctx: GridContext = {
    store,
    commits: new GroupCommit(store),
    diffSlots: new DiffSlots(DIFF_SLOTS),
    processFacts: new ProcessFactsCache(),
    ownerToken: owner.token,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    authEndpointTimeoutMs: options.authEndpointTimeoutMs ?? 5000,
    log,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    deadlinesChanged: () => timerRef.current?.wake(),
  };
  const timer = new DeadlineTimer(ctx);
  timerRef.current = timer;

  const app = Fastify({
    logger: false,
    bodyLimit: ctx.limits.otherBytes,
  });
  await app.register(cors, { origin: '*' });
  // Accept JSON bodies whatever content type the client declares (browsers send text/plain),
  // all parsed alike: fastify's own application/json and text/plain parsers are replaced.
  const parseJsonBody: FastifyBodyParser<string> = (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : parseJsonText(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string' },
    parseJsonBody,
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, parseJsonBody);
  app.setErrorHandler((error, request, reply) => replyWithError(log, error, request, reply));
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ error: 'Not found.' }));
  app.addHook('onResponse', async (request, reply) => {
    log.info(
      {
        transport: 'http',
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'http request',
    );
  });
  registerHttpRoutes(app, ctx);
  registerWebRoutes(app, ctx, dataDir);

  await app.listen({ port: options.port, host });
  const wss = attachWebSocket(app.server, ctx);
  timer.wake();

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  log.info({ url: `http://${hostForUrl}:${port}`, dataDir }, 'grid listening');

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    wsUrl: `ws://${hostForUrl}:${port}`,
    ownerToken: owner.token,
    ownerTokenPath: owner.path,
    close: () => {
      closing ??= (async () => {
        await timer.stop();
        for (const client of wss.clients) client.terminate();
        wss.close();
        await app.close();
        await ctx.commits.idle();
        await store.close();
        log.info('grid stopped');
      })();
      return closing;
    },
  };
}
