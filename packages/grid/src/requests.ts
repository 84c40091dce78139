import { z } from 'zod';
import { badRequest } from './errors.js';

const text = z.string();
const optionalText = z.string().nullish();
const hexText = z.string().regex(/^([0-9a-fA-F]{2})*$/, 'expected a hex string');

/** `model-centric/host-training` data (section 2.1); `auth_token` is the owner token on WS. */
export const hostRequest = z.object({
  model: hexText,
  plans: z.record(z.string(), hexText),
  protocols: z.record(z.string(), hexText).nullish(),
  averaging_plan: hexText.nullish(),
  client_config: z.object({ name: text.min(1), version: text.min(1) }).passthrough(),
  server_config: z.record(z.string(), z.unknown()),
  auth_token: optionalText,
});

/** `model-centric/authenticate` data (section 2.2). */
export const authenticateRequest = z.object({
  model_name: text.min(1),
  model_version: optionalText,
  auth_token: optionalText,
});

/** `model-centric/cycle-request` data (section 2.3); speeds are checked separately. */
export const cycleRequest = z
  .object({ worker_id: text.min(1), model: text.min(1), version: optionalText })
  .passthrough();

/** `model-centric/report` data (section 2.4, D5). */
export const reportRequest = z.object({
  worker_id: text.min(1),
  request_key: text.min(1),
  diff: text.min(1),
  num_samples: z.number().int().positive().nullish(),
});

/** Query of get-model. */
export const getModelQuery = z.object({
  worker_id: text,
  request_key: text,
  model_id: z.coerce.number().int(),
});

/** Query of get-plan. */
export const getPlanQuery = z.object({
  worker_id: text,
  request_key: text,
  plan_id: z.coerce.number().int(),
  receive_operations_as: z.enum(['list', 'tfjs', 'torchscript']).optional(),
});

/** Query of get-protocol. */
export const getProtocolQuery = z.object({
  worker_id: text,
  request_key: text,
  protocol_id: z.coerce.number().int(),
});

/** Query of retrieve-model (section 2.9). */
export const retrieveModelQuery = z.object({
  name: text.min(1),
  version: optionalText,
  checkpoint: optionalText,
});

/** Query of speed-test (section 2.8, D11). */
export const speedTestQuery = z.object({ worker_id: text.min(1) }).passthrough();

/**
 * Validates request data against a schema.
 *
 * @param schema - the expected shape
 * @param data - what arrived
 * @returns the typed data
 * @throws GridError 400 naming the first field that is wrong
 */
export function parseRequest<T>(schema: z.ZodType<T>, data: unknown): T {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  // A check on the whole object (a refine) has its own complete message.
  if (field === '' && issue?.code === 'custom') throw badRequest(issue.message);
  if (field === '') throw badRequest(`request data must be a JSON object: ${issue?.message ?? ''}`);
  const missing = issue?.code === 'invalid_type' && issue.message.includes('undefined');
  throw badRequest(
    missing ? `'${field}' is required` : `'${field}' is invalid: ${issue?.message ?? ''}`,
  );
}

/**
 * A path or query value that must be a non-negative integer id: digits only, at most
 * `Number.MAX_SAFE_INTEGER` (so `1e3`, `-1`, `1.5` and huge ids are refused alike).
 *
 * @param value - the raw value
 * @param name - the parameter's name, for the message
 * @throws GridError 400 naming the parameter and the value
 */
export function pathInteger(value: unknown, name: string): number {
  const number = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || !Number.isSafeInteger(number)) {
    throw badRequest(`'${name}' must be a non-negative integer, got '${String(value)}'`);
  }
  return number;
}

/** Speeds of a cycle request, checked in the order and with the messages of section 2.3. */
export interface Speeds {
  ping: number | null;
  download: number | null;
  upload: number | null;
}

/**
 * Reads `ping`, `download` and `upload` from cycle-request data.
 *
 * @param data - the request data
 * @param required - whether the process requires the speed test
 * @throws GridError 400 `'<field>' needs to be a positive number` or `'<field>' is required`
 */
export function parseSpeeds(data: Record<string, unknown>, required: boolean): Speeds {
  const read = (field: 'ping' | 'download' | 'upload'): number | null => {
    const value = data[field];
    if (value === undefined || value === null) {
      if (required) throw badRequest(`'${field}' is required`);
      return null;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw badRequest(`'${field}' needs to be a positive number`);
    }
    return value;
  };
  return { ping: read('ping'), download: read('download'), upload: read('upload') };
}
