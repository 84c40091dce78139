import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { GridError } from '../errors.js';

/**
 * Turns any error into the grid's `{"error": message}` reply (D9): a `GridError` keeps its
 * status and message; fastify's body errors become 400 or 413 with the limit; anything else is
 * a bug, logged, and answered 500 without details.
 */
export function replyWithError(
  log: Logger,
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof GridError) {
    return reply.status(error.status).send({ error: error.message });
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastifyError.statusCode === 413) {
    const limit = request.routeOptions.bodyLimit;
    return reply.status(413).send({
      error: `Request body is larger than the limit of ${limit} bytes for this endpoint.`,
    });
  }
  if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return reply.status(400).send({ error: `Body is not valid JSON: ${(error as Error).message}` });
  }
  if (fastifyError.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return reply.status(400).send({ error: 'Body is empty: a JSON object was expected.' });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return reply.status(400).send({ error: fastifyError.message ?? 'Bad request.' });
  }
  log.error({ err: error }, 'unexpected error');
  return reply
    .status(500)
    .send({ error: 'Internal error: the grid failed to handle this request.' });
}
