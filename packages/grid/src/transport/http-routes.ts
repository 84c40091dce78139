import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, requestCycle } from '../admission.js';
import type { GridContext } from '../context.js';
import { closeOverdueCycles } from '../cycle/deadline-timer.js';
import { listCycles, listProcesses } from '../dashboard.js';
import { downloadModel, downloadPlan, downloadProtocol, retrieveCheckpoint } from '../downloads.js';
import { GridError, Messages } from '../errors.js';
import { hostProcess } from '../hosting.js';
import { acceptReport } from '../reporting.js';
import { parseRequest, pathInteger, speedTestQuery } from '../requests.js';

const PREFIX = '/model-centric';

/** The owner token from `Authorization: Bearer <token>`, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

const sendBytes = (reply: FastifyReply, bytes: Uint8Array): FastifyReply =>
  reply
    .type('application/octet-stream')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * Registers the model-centric HTTP routes (section 2, D2: bare `data` bodies) and the
 * read-only dashboard routes.
 *
 * @param app - the fastify instance
 * @param ctx - the grid context
 */
export function registerHttpRoutes(app: FastifyInstance, ctx: GridContext): void {
  const { limits } = ctx;
  const settle = async (): Promise<void> => {
    await closeOverdueCycles(ctx);
  };

  app.post(`${PREFIX}/host-training`, { bodyLimit: limits.hostBytes }, async (request) =>
    hostProcess(ctx, request.body, bearerToken(request)),
  );
  app.post(`${PREFIX}/authenticate`, async (request) => authenticate(ctx, request.body));
  app.post(`${PREFIX}/cycle-request`, async (request) => {
    await settle();
    return requestCycle(ctx, request.body);
  });
  app.post(`${PREFIX}/report`, { bodyLimit: limits.reportBytes }, async (request) => {
    await settle();
    return acceptReport(ctx, request.body);
  });
  app.get(`${PREFIX}/get-model`, async (request, reply) => {
    await settle();
    return sendBytes(reply, await downloadModel(ctx, request.query));
  });
  app.get(`${PREFIX}/get-plan`, async (request, reply) => {
    await settle();
    return sendBytes(reply, await downloadPlan(ctx, request.query));
  });
  app.get(`${PREFIX}/get-protocol`, async (request, reply) => {
    await settle();
    return sendBytes(reply, await downloadProtocol(ctx, request.query));
  });
  app.get(`${PREFIX}/retrieve-model`, async (request, reply) =>
    sendBytes(reply, await retrieveCheckpoint(ctx, request.query, bearerToken(request))),
  );
  app.get(`${PREFIX}/socket-ping`, () => Promise.resolve({ alive: 'True' }));

  registerSpeedTest(app, ctx);

  app.get('/api/processes', async () => listProcesses(ctx));
  app.get('/api/processes/:id/cycles', async (request) => {
    return listCycles(ctx, pathInteger((request.params as { id: string }).id, 'id'));
  });
}

/** Checks the speed-test caller is a known worker (D11). */
async function knownWorker(ctx: GridContext, query: unknown): Promise<void> {
  const q = parseRequest(speedTestQuery, query);
  const worker = await ctx.store.read((tx) => tx.getWorker(q.worker_id));
  if (!worker) throw new GridError('GRID_WORKER_NOT_FOUND', 404, Messages.workerNotFound);
}

/**
 * The speed test (section 2.8, D11): ping, a bounded download sample as multipart field
 * `sample`, and an upload whose body is read and discarded without being buffered.
 */
function registerSpeedTest(app: FastifyInstance, ctx: GridContext): void {
  const boundary = 'syft-ts-speed-test';
  const sample = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="sample"; filename="sample"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.alloc(ctx.limits.speedTestSampleBytes, 'x'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

  app.get(`${PREFIX}/speed-test`, async (request, reply) => {
    await knownWorker(ctx, request.query);
    if ((request.query as Record<string, unknown>).is_ping !== undefined) return {};
    return reply.type(`multipart/form-data; boundary=${boundary}`).send(sample);
  });

  void app.register((upload, _options, registered) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', (_request, payload, done) => {
      payload.on('data', () => undefined);
      payload.on('end', () => done(null, undefined));
      payload.on('error', (error) => done(error, undefined));
    });
    upload.post(
      `${PREFIX}/speed-test`,
      { bodyLimit: ctx.limits.speedTestUploadBytes },
      async (request) => {
        await knownWorker(ctx, request.query);
        return {};
      },
    );
    registered();
  });
}
