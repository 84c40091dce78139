import {
  bytesToHex,
  encodePlan,
  encodeState,
  type Plan as PlanMessage,
  type State,
} from '@syft-ts/core';
import { asBytes, isBinary, type BinaryInput } from './bytes.js';
import { ClientArgumentError, GridProtocolError } from './errors.js';
import { resolveGridUrl } from './grid-url.js';
import { createLogger, type LogLevel } from './logger.js';
import { Plan } from './plan.js';
import { SyftModel } from './syft-model.js';
import { WsTransport } from './ws-transport.js';

/** A plan to host: a downloaded Plan, a decoded Plan message, or serialized bytes. */
export type HostedPlan = Plan | PlanMessage | BinaryInput;

/** What `hostTraining` sends. */
export interface HostTrainingOptions {
  /** FL process name (also written into client_config). */
  name: string;
  /** FL process version (also written into client_config). */
  version: string;
  /** Initial parameters: a State message, a SyftModel, or serialized State bytes. */
  model: State | SyftModel | BinaryInput;
  /** Client plans by name, e.g. `{ training_plan }`. */
  plans: Record<string, HostedPlan>;
  /** An averaging plan; omitted means plain (weighted) averaging. */
  averagingPlan?: HostedPlan;
  /** Protocols by name, stored as given. */
  protocols?: Record<string, BinaryInput>;
  /** Handed to every worker (`batch_size`, `lr`, `max_updates`, …). */
  clientConfig: Record<string, unknown>;
  /** Cycle rules (`cycle_length`, `num_cycles`, `max_diffs`, …). */
  serverConfig: Record<string, unknown>;
  /** Allow `ws:`/`http:` URLs as given (otherwise upgraded to `wss:`/`https:`). */
  verbose?: boolean;
  /** How long to wait for the grid's answer; default 60 000 ms. */
  requestTimeoutMs?: number;
  /** Log level; default `warn`. */
  logLevel?: LogLevel;
}

async function stateHex(model: HostTrainingOptions['model']): Promise<string> {
  if (model instanceof SyftModel) return bytesToHex(new Uint8Array(await model.toProtobuf()));
  if (isBinary(model)) return bytesToHex(asBytes(model));
  return bytesToHex(encodeState(model));
}

function planHex(plan: HostedPlan): string {
  if (plan instanceof Plan) return bytesToHex(plan.bytes);
  if (isBinary(plan)) return bytesToHex(asBytes(plan));
  return bytesToHex(encodePlan(plan));
}

/**
 * Hosts an FL process on a grid over its WebSocket (`model-centric/host-training`), with the
 * grid's owner token. Resolves when the grid answers `{"status":"success"}`.
 *
 * @param gridUrl - the grid URL (`ws(s)://` or `http(s)://`; the WebSocket is used either way)
 * @param ownerToken - the grid's owner token
 * @param options - model, plans and configs
 * @throws GridError with the grid's message (e.g. `FL Process already exists.`)
 * @example
 * await hostTraining('ws://127.0.0.1:5000', ownerToken, {
 *   name: 'mnist', version: '1.0.0', model: initialState, plans: { training_plan: plan },
 *   clientConfig: { batch_size: 64, lr: 0.1, max_updates: 10 },
 *   serverConfig: { cycle_length: 3600, num_cycles: 5, max_diffs: 1 }, verbose: true,
 * });
 */
export async function hostTraining(
  gridUrl: string,
  ownerToken: string,
  options: HostTrainingOptions,
): Promise<void> {
  if (typeof ownerToken !== 'string' || ownerToken === '') {
    throw new ClientArgumentError('hostTraining needs the grid owner token');
  }
  if (Object.keys(options.plans ?? {}).length === 0) {
    throw new ClientArgumentError('hostTraining needs at least one plan');
  }
  const plans: Record<string, string> = {};
  for (const [name, plan] of Object.entries(options.plans)) plans[name] = planHex(plan);
  const protocols: Record<string, string> = {};
  for (const [name, protocol] of Object.entries(options.protocols ?? {})) {
    protocols[name] = bytesToHex(asBytes(protocol));
  }

  const model = await stateHex(options.model);
  const endpoints = resolveGridUrl(gridUrl, options.verbose === true);
  const transport = new WsTransport(endpoints.wsUrl, {
    logger: createLogger(options.logLevel ?? 'warn'),
    requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
  });
  try {
    const reply = await transport.send('model-centric/host-training', {
      model,
      plans,
      protocols,
      averaging_plan: options.averagingPlan === undefined ? '' : planHex(options.averagingPlan),
      client_config: { ...options.clientConfig, name: options.name, version: options.version },
      server_config: options.serverConfig,
      auth_token: ownerToken,
    });
    if (reply.status !== 'success') {
      throw new GridProtocolError(
        `Grid error: host-training answered ${JSON.stringify(reply.status)}, expected "success"`,
      );
    }
  } finally {
    transport.close();
  }
}
