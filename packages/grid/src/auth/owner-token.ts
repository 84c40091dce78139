import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GridError } from '../errors.js';

/** The file in the data folder that holds the owner token. */
export const OWNER_TOKEN_FILE = 'owner-token';

/** The fewest characters an owner token file may hold (created tokens have 64). */
const MIN_TOKEN_LENGTH = 32;

/**
 * Reads the grid's owner token from the data folder, creating it (mode 0600) on first start.
 * An existing file is never replaced: an empty or too short one stops the start.
 *
 * @param dataDir - the grid's data folder
 * @returns the token and the path of its file
 * @throws GridError `GRID_OWNER_TOKEN_UNUSABLE` when the file exists but holds no usable token
 */
export function loadOwnerToken(dataDir: string): { token: string; path: string; created: boolean } {
  const path = join(dataDir, OWNER_TOKEN_FILE);
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= MIN_TOKEN_LENGTH) return { token, path, created: false };
    const problem =
      token === '' ? 'is empty' : `holds ${token.length} characters (at least ${MIN_TOKEN_LENGTH})`;
    throw new GridError(
      'GRID_OWNER_TOKEN_UNUSABLE',
      500,
      `${path} ${problem}; delete it to create a new token`,
    );
  }
  const token = randomBytes(32).toString('hex');
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { token, path, created: true };
}

/**
 * Checks an owner token presented by a caller (D8).
 *
 * @param expected - the grid's owner token
 * @param presented - what the caller sent (missing when undefined or empty)
 * @throws GridError 401 when none was sent, 403 when it is wrong
 */
export function requireOwner(expected: string, presented: string | undefined | null): void {
  if (presented === undefined || presented === null || presented === '') {
    throw new GridError(
      'GRID_OWNER_TOKEN_REQUIRED',
      401,
      "This action needs the grid's owner token: send 'Authorization: Bearer <token>' (HTTP) or 'auth_token' (WebSocket host-training).",
    );
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new GridError('GRID_OWNER_TOKEN_INVALID', 403, 'The owner token is invalid.');
  }
}
