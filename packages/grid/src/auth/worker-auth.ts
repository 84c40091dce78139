import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { GridError, Messages } from '../errors.js';
import type { ServerConfig } from '../server-config.js';

/** HMAC algorithms accepted with a process's `secret`. */
const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
/** Public-key algorithms accepted with a process's `pub_key`. */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

const invalid = (): GridError => new GridError('GRID_AUTH_INVALID', 400, Messages.authInvalid);

/**
 * Checks a worker's `auth_token` against a process's authentication settings (D7, section
 * 4.2): HS256/384/512 with `secret`, RS256/384/512 with `pub_key` (explicit allow-lists, so
 * `none` and HS-signed-with-the-public-key are refused), `exp`/`nbf` honoured, then the
 * optional third-party `endpoint`, called with a timeout.
 *
 * @param config - the process's server config
 * @param token - the worker's token (absent or null when none was sent)
 * @param endpointTimeoutMs - how long the third-party endpoint may take
 * @throws GridError with the section 7 message when the token is missing or refused
 */
export async function verifyWorkerToken(
  config: ServerConfig,
  token: string | null | undefined,
  endpointTimeoutMs: number,
): Promise<void> {
  const { secret, publicKeyPem, endpoint } = config.authentication;
  if (secret === null && publicKeyPem === null && endpoint === null) return;
  if (token === null || token === undefined || token === '') {
    throw new GridError('GRID_AUTH_REQUIRED', 400, Messages.authRequired);
  }

  if (secret !== null || publicKeyPem !== null) {
    const verified = await verifyJwt(token, secret, publicKeyPem);
    if (!verified) throw invalid();
  }

  if (endpoint !== null && !(await endpointAccepts(endpoint, token, endpointTimeoutMs))) {
    throw new GridError('GRID_AUTH_THIRD_PARTY', 400, Messages.authThirdParty);
  }
}

async function verifyJwt(
  token: string,
  secret: string | null,
  publicKeyPem: string | null,
): Promise<boolean> {
  let algorithm: string | undefined;
  try {
    algorithm = decodeProtectedHeader(token).alg;
  } catch {
    return false;
  }
  try {
    if (secret !== null && (HMAC_ALGORITHMS as readonly string[]).includes(algorithm ?? '')) {
      await jwtVerify(token, new TextEncoder().encode(secret), {
        algorithms: [...HMAC_ALGORITHMS],
      });
      return true;
    }
    if (publicKeyPem !== null && (RSA_ALGORITHMS as readonly string[]).includes(algorithm ?? '')) {
      const key = await importSPKI(publicKeyPem, algorithm as string);
      await jwtVerify(token, key, { algorithms: [...RSA_ALGORITHMS] });
      return true;
    }
  } catch {
    return false;
  }
  return false;
}

async function endpointAccepts(
  endpoint: string,
  token: string,
  timeoutMs: number,
): Promise<boolean> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth_token: token }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}
