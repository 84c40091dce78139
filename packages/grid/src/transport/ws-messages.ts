import { authenticate, requestCycle } from '../admission.js';
import type { GridContext } from '../context.js';
import { closeOverdueCycles } from '../cycle/deadline-timer.js';
import { GridError } from '../errors.js';
import { hostProcess } from '../hosting.js';
import { acceptReport } from '../reporting.js';

/** The WebSocket message types of section 7. */
export const MessageTypes = {
  host: 'model-centric/host-training',
  authenticate: 'model-centric/authenticate',
  cycleRequest: 'model-centric/cycle-request',
  report: 'model-centric/report',
  ping: 'socket-ping',
} as const;

/** A JSON reply frame. */
export type Reply = Record<string, unknown>;

/** The largest frame accepted for a message type. */
export function frameLimit(ctx: GridContext, type: string): number {
  if (type === MessageTypes.host) return ctx.limits.hostBytes;
  if (type === MessageTypes.report) return ctx.limits.reportBytes;
  return ctx.limits.otherBytes;
}

/**
 * Handles one parsed WebSocket message and builds its reply (section 1.2, D1): the envelope
 * echoes `type` and, when truthy, `request_id`; failures appear as `data.error`.
 *
 * @param ctx - the grid context
 * @param message - the parsed frame
 * @param frameBytes - the size of the frame, checked against the type's limit
 */
export async function handleWsMessage(
  ctx: GridContext,
  message: Record<string, unknown>,
  frameBytes: number,
): Promise<{ reply: Reply; ok: boolean }> {
  const type = message.type;
  const requestId = message.request_id;
  const withId = (reply: Reply): Reply => (requestId ? { ...reply, request_id: requestId } : reply);

  if (typeof type !== 'string') {
    return { reply: withId({ error: "'type' is required: a message type string" }), ok: false };
  }
  if (type === MessageTypes.ping) return { reply: withId({ alive: 'True' }), ok: true };

  const limit = frameLimit(ctx, type);
  if (frameBytes > limit) {
    const error = `Message of ${frameBytes} bytes is larger than the limit of ${limit} bytes for ${type}.`;
    return { reply: withId({ type, data: { error } }), ok: false };
  }

  const data = message.data;
  try {
    const result = await dispatch(ctx, type, data);
    if (result === undefined) {
      return { reply: withId({ error: `Unknown message type '${type}'` }), ok: false };
    }
    return { reply: withId({ type, data: result }), ok: true };
  } catch (error) {
    if (!(error instanceof GridError)) ctx.log.error({ err: error, type }, 'unexpected error');
    const text =
      error instanceof GridError && error.status !== 500
        ? error.message
        : 'Internal error: the grid failed to handle this request.';
    // A failed cycle request is also a rejection, as PyGrid's clients expect (section 6.1).
    const body =
      type === MessageTypes.cycleRequest ? { status: 'rejected', error: text } : { error: text };
    return { reply: withId({ type, data: body }), ok: false };
  }
}

async function dispatch(ctx: GridContext, type: string, data: unknown): Promise<unknown> {
  switch (type) {
    case MessageTypes.host: {
      const token = (data as { auth_token?: unknown } | null)?.auth_token;
      return hostProcess(ctx, data, typeof token === 'string' ? token : undefined);
    }
    case MessageTypes.authenticate:
      return authenticate(ctx, data);
    case MessageTypes.cycleRequest:
      await closeOverdueCycles(ctx);
      return requestCycle(ctx, data);
    case MessageTypes.report:
      await closeOverdueCycles(ctx);
      return acceptReport(ctx, data);
    default:
      return undefined;
  }
}
