import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { GridContext } from '../context.js';
import { GridError } from '../errors.js';
import { EvaluationBook, listEvaluations, recordEvaluation } from '../evaluations.js';
import { MnistSource } from '../mnist-source.js';
import { parseRequest, pathInteger } from '../requests.js';
import { bearerToken } from './http-routes.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The built pages of `@syft-ts/web` (`dist/www`), if that package is installed. */
function webAssetsDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('@syft-ts/web/package.json');
    return join(dirname(pkg), 'dist', 'www');
  } catch {
    return undefined;
  }
}

const sliceQuery = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1),
});

/**
 * Mounts the browser pages and what they read (docs/browser.md, docs/dashboard.md):
 * `/worker` (browser worker), `/dashboard` and `/` (dashboard; WebSocket upgrades at `/` are
 * not HTTP routes and stay with the WebSocket server), `/web/<file>` (bundles and wasm),
 * `/data/mnist/<train|test>?offset=&count=` (a slice of MNIST), the evaluation list
 * `GET /api/processes/:id/evaluations` and, with the owner token,
 * `POST /api/processes/:id/checkpoints/:number/evaluation`.
 *
 * @param app - the fastify instance
 * @param ctx - the grid context
 * @param dataDir - the grid's data folder (where evaluations are kept)
 */
export function registerWebRoutes(app: FastifyInstance, ctx: GridContext, dataDir: string): void {
  const assets = webAssetsDir();
  const mnist = new MnistSource();
  const book = new EvaluationBook(dataDir);

  const sendAsset = (reply: FastifyReply, name: string): FastifyReply => {
    const path = assets === undefined ? undefined : join(assets, name);
    if (!/^[\w.-]+$/.test(name) || path === undefined || !existsSync(path)) {
      const hint = assets === undefined || !existsSync(assets) ? " (run 'npm run build')" : '';
      throw new GridError('GRID_PAGE_NOT_FOUND', 404, `No web asset '${name}'${hint}.`);
    }
    return reply
      .type(CONTENT_TYPES[extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'no-cache')
      .send(readFileSync(path));
  };

  app.get('/', (_request, reply) => sendAsset(reply, 'dashboard.html'));
  app.get('/dashboard', (_request, reply) => sendAsset(reply, 'dashboard.html'));
  app.get('/worker', (_request, reply) => sendAsset(reply, 'worker.html'));
  app.get('/web/:file', (request, reply) =>
    sendAsset(reply, (request.params as { file: string }).file),
  );

  app.get('/data/mnist/:split', (request, reply) => {
    const split = (request.params as { split: string }).split;
    if (split !== 'train' && split !== 'test') {
      throw new GridError(
        'GRID_BAD_REQUEST',
        400,
        `MNIST split must be 'train' or 'test', got '${split}'`,
      );
    }
    const { offset, count } = parseRequest(sliceQuery, request.query);
    const bytes = mnist.slice(split, offset, count);
    return reply
      .type('application/octet-stream')
      .header('x-mnist-count', String(count))
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get('/api/processes/:id/evaluations', async (request) => {
    const params = request.params as { id: string };
    return listEvaluations(ctx, book, pathInteger(params.id, 'id'));
  });
  app.post('/api/processes/:id/checkpoints/:number/evaluation', async (request) => {
    const params = request.params as { id: string; number: string };
    const target = {
      processId: pathInteger(params.id, 'id'),
      checkpoint: pathInteger(params.number, 'number'),
    };
    return recordEvaluation(ctx, book, target, request.body, bearerToken(request));
  });
}
