import { z } from 'zod';
import { badRequest } from './errors.js';

const count = z.number().int().nonnegative();
const positiveCount = z.number().int().positive();
const speed = z.number().nonnegative();

/**
 * The longest `cycle_length` accepted: ten years. Deadlines beyond that are not dates the
 * grid can schedule or show (a cycle_length of 1e308 s has no calendar date).
 */
export const MAX_CYCLE_LENGTH_SECONDS = 315_360_000;

/** Worker authentication of a process (D7): any of the three keys turns it on. */
const authenticationSchema = z
  .object({
    secret: z.string().nullish(),
    pub_key: z.string().nullish(),
    endpoint: z.string().url().nullish(),
    type: z.string().nullish(),
  })
  .passthrough();

/**
 * The private `server_config` of a process (grid-protocol.md section 4.5, D4). Unknown keys
 * are kept and ignored.
 */
export const serverConfigSchema = z
  .object({
    cycle_length: z.number().positive().max(MAX_CYCLE_LENGTH_SECONDS),
    num_cycles: count.nullish(),
    max_diffs: positiveCount.nullish(),
    min_diffs: count.nullish(),
    max_workers: positiveCount.nullish(),
    min_workers: count.nullish(),
    pool_selection: z.enum(['random', 'iterate']).nullish(),
    do_not_reuse_workers_until_cycle: count.nullish(),
    minimum_upload_speed: speed.nullish(),
    minimum_download_speed: speed.nullish(),
    iterative_plan: z.boolean().nullish(),
    authentication: authenticationSchema.nullish(),
  })
  .passthrough();

/** The server config as the grid uses it: every key resolved to its meaning. */
export interface ServerConfig {
  cycleLengthSeconds: number;
  /** 0 means unlimited. */
  numCycles: number;
  maxDiffs: number | null;
  minDiffs: number;
  maxWorkers: number | null;
  minWorkers: number;
  poolSelection: 'random' | 'iterate';
  /** A worker admitted to cycle s may next be admitted to cycle s + this (0 or 1: no limit). */
  doNotReuseWorkersUntilCycle: number;
  minimumUploadMbps: number | null;
  minimumDownloadMbps: number | null;
  iterativePlan: boolean;
  authentication: { secret: string | null; publicKeyPem: string | null; endpoint: string | null };
}

/**
 * Validates a raw `server_config` and resolves it.
 *
 * @param raw - the object from `host-training`, or as stored
 * @returns the resolved config
 * @throws GridError 400 naming the key that is wrong
 */
export function parseServerConfig(raw: unknown): ServerConfig {
  const parsed = serverConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    throw badRequest(
      key === ''
        ? `server_config must be an object: ${issue?.message ?? 'invalid'}`
        : `server_config.${key} is invalid: ${issue?.message ?? 'invalid'}`,
    );
  }
  const c = parsed.data;
  const auth = c.authentication ?? {};
  const config: ServerConfig = {
    cycleLengthSeconds: c.cycle_length,
    numCycles: c.num_cycles ?? 0,
    maxDiffs: c.max_diffs ?? null,
    minDiffs: c.min_diffs ?? 0,
    maxWorkers: c.max_workers ?? null,
    minWorkers: c.min_workers ?? 0,
    poolSelection: c.pool_selection ?? 'iterate',
    doNotReuseWorkersUntilCycle: c.do_not_reuse_workers_until_cycle ?? 0,
    minimumUploadMbps: c.minimum_upload_speed ?? null,
    minimumDownloadMbps: c.minimum_download_speed ?? null,
    iterativePlan: c.iterative_plan ?? false,
    // An empty secret or key is "not set" (W-34): it never verifies anything.
    authentication: {
      secret: auth.secret ? auth.secret : null,
      publicKeyPem: auth.pub_key ? auth.pub_key : null,
      endpoint: auth.endpoint ? auth.endpoint : null,
    },
  };
  checkConsistency(config);
  return config;
}

function checkConsistency(c: ServerConfig): void {
  if (c.maxDiffs !== null && c.minDiffs > c.maxDiffs) {
    throw badRequest(
      `server_config.min_diffs (${c.minDiffs}) must not exceed max_diffs (${c.maxDiffs})`,
    );
  }
  if (c.maxWorkers !== null && c.minWorkers > c.maxWorkers) {
    throw badRequest(
      `server_config.min_workers (${c.minWorkers}) must not exceed max_workers (${c.maxWorkers})`,
    );
  }
  if (c.maxWorkers !== null && c.maxDiffs !== null && c.maxDiffs > c.maxWorkers) {
    throw badRequest(
      `server_config.max_diffs (${c.maxDiffs}) must not exceed max_workers (${c.maxWorkers})`,
    );
  }
}

/** True when workers must measure and send their speeds (section 4.3). */
export function requiresSpeedTest(c: ServerConfig): boolean {
  return c.minimumUploadMbps !== null || c.minimumDownloadMbps !== null;
}

/** True when the process has any worker authentication configured. */
export function requiresAuthentication(c: ServerConfig): boolean {
  const a = c.authentication;
  return a.secret !== null || a.publicKeyPem !== null || a.endpoint !== null;
}
