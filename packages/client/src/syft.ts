import { ClientArgumentError } from './errors.js';
import type { MessageTransport } from './grid-reply.js';
import { resolveGridUrl, type GridEndpoints } from './grid-url.js';
import { HttpTransport } from './http.js';
import { Job, type JobOptions } from './job.js';
import { createLogger, type LogLevel, type LogSink, type Logger } from './logger.js';
import { measureSpeed, type SpeedMeasurement, type SpeedTestOptions } from './speed-test.js';
import { WsTransport } from './ws-transport.js';
import type { SocketFactory } from './ws-socket.js';

/** Options of the Syft worker. */
export interface SyftOptions {
  /** The grid URL: `ws://`, `wss://`, `http://` or `https://`. */
  url: string;
  /**
   * Log at `info` level and allow `ws:`/`http:` as given. Without it, `ws:` becomes `wss:`
   * and `http:` becomes `https:`.
   */
  verbose?: boolean;
  /** Not implemented: WebRTC peer config. Accepted and ignored. */
  peerConfig?: unknown;
  /** Log level; default `info` with `verbose`, else `warn`. */
  logLevel?: LogLevel;
  /** Where log lines go; default the console. */
  logSink?: LogSink;
  /** How long a WebSocket request waits for its reply; default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Bounds of the speed test. */
  speedTest?: SpeedTestOptions;
  /** Creates WebSockets (default: the global WebSocket, else the `ws` package). */
  socketFactory?: SocketFactory;
}

/**
 * The Syft worker: a connection to one grid, from which jobs are created. Jobs of one worker
 * share its WebSocket.
 *
 * @example
 * const worker = new Syft({ url: 'ws://localhost:5000', verbose: true });
 * const job = worker.newJob({ modelName: 'mnist', modelVersion: '1.0.0' });
 * job.on('accepted', async ({ model, clientConfig }) => { ... });
 * job.on('rejected', ({ timeout, reason }) => { ... });
 * job.on('error', (err) => { ... });
 * await job.request();
 */
export class Syft {
  /** The grid's URLs after the scheme upgrade. */
  readonly endpoints: GridEndpoints;
  /** The worker's logger. */
  readonly logger: Logger;
  /** How messages reach the grid: the shared WebSocket or HTTP POSTs. */
  readonly transport: MessageTransport;
  private readonly speedTestOptions: SpeedTestOptions;

  /** @param options - grid URL, verbosity and transport settings */
  constructor(options: SyftOptions) {
    if (typeof options?.url !== 'string') {
      throw new ClientArgumentError('options.url must be a string');
    }
    const verbose = options.verbose === true;
    this.logger = createLogger(options.logLevel ?? (verbose ? 'info' : 'warn'), options.logSink);
    this.endpoints = resolveGridUrl(options.url, verbose);
    this.speedTestOptions = options.speedTest ?? {};
    this.transport =
      this.endpoints.transport === 'ws'
        ? new WsTransport(this.endpoints.wsUrl, {
            logger: this.logger,
            requestTimeoutMs: options.requestTimeoutMs,
            socketFactory: options.socketFactory,
          })
        : new HttpTransport(this.endpoints.httpUrl);
    if (options.peerConfig !== undefined) {
      this.logger.warn('peerConfig is not implemented and is ignored');
    }
  }

  /**
   * Creates a job for an FL process.
   *
   * @param options - `modelName`, `modelVersion`, `authToken`
   * @throws ClientArgumentError when `modelName` is missing
   */
  newJob(options: JobOptions): Job {
    if (typeof options?.modelName !== 'string' || options.modelName === '') {
      throw new ClientArgumentError('newJob needs a non-empty modelName');
    }
    return new Job(this, options);
  }

  /**
   * Measures ping, download and upload speed (Mbit/s) for a worker id.
   *
   * @param workerId - the id from authentication
   */
  measureSpeed(workerId: string): Promise<SpeedMeasurement> {
    return measureSpeed(this.endpoints.httpUrl, workerId, this.speedTestOptions);
  }

  /** Closes the WebSocket, if one is open. Later calls reconnect. */
  close(): void {
    this.transport.close();
  }
}
