import type { Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { GridContext } from '../context.js';
import { GridError } from '../errors.js';
import { parseJsonText } from './json-text.js';
import { handleWsMessage } from './ws-messages.js';

/** The bytes of a frame, without copying when ws already hands over one Buffer. */
const frameBytes = (raw: RawData): Buffer =>
  Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);

/**
 * Serves the WebSocket endpoint at `/` on the HTTP server (section 1.2). Messages of one
 * connection are handled in order; a bad frame gets an error reply and the connection stays.
 *
 * @param server - the HTTP server fastify listens on
 * @param ctx - the grid context
 * @returns the WebSocket server, to close on shutdown
 */
export function attachWebSocket(server: Server, ctx: GridContext): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: ctx.limits.hostBytes });
  server.on('upgrade', (request, socket, head) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  wss.on('connection', (ws: WebSocket) => {
    let queue: Promise<void> = Promise.resolve();
    ws.on('message', (raw, isBinary) => {
      queue = queue.then(() => onFrame(ctx, ws, raw, isBinary));
    });
    ws.on('error', (error) => ctx.log.debug({ err: error }, 'websocket error'));
  });
  return wss;
}

/**
 * The `request_id` of a frame refused for a prototype-changing key, so the caller can match the
 * refusal. Plain `JSON.parse` keeps `__proto__` as an own key (it changes no prototype), and only
 * a string or number id is echoed.
 */
function requestIdOf(text: string): { request_id?: string | number } {
  const parsed = JSON.parse(text) as unknown;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const id = Object.getOwnPropertyDescriptor(parsed, 'request_id')?.value as unknown;
  return typeof id === 'string' || typeof id === 'number' ? { request_id: id } : {};
}

async function onFrame(
  ctx: GridContext,
  ws: WebSocket,
  raw: RawData,
  isBinary: boolean,
): Promise<void> {
  const started = performance.now();
  const send = (reply: Record<string, unknown>, type: string, ok: boolean): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
    ctx.log.info(
      { transport: 'ws', type, ok, durationMs: Math.round(performance.now() - started) },
      'ws message',
    );
  };
  if (isBinary) {
    send({ error: 'Binary frames are not supported: send JSON text frames.' }, 'binary', false);
    return;
  }
  const bytes = frameBytes(raw);
  const text = bytes.toString('utf8');
  let message: unknown;
  try {
    message = parseJsonText(text);
  } catch (error) {
    if (error instanceof GridError) {
      send({ error: error.message, ...requestIdOf(text) }, 'invalid', false);
      return;
    }
    send({ error: `Message is not valid JSON: ${(error as Error).message}` }, 'invalid', false);
    return;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    send({ error: 'Message must be a JSON object with a type and data.' }, 'invalid', false);
    return;
  }
  const record = message as Record<string, unknown>;
  // ws checked the frame is valid UTF-8, so its byte length is the text's.
  const { reply, ok } = await handleWsMessage(ctx, record, bytes.length);
  send(reply, typeof record.type === 'string' ? record.type : 'invalid', ok);
}
