import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerConfig } from '../server-config.js';
import { verifyWorkerToken } from './worker-auth.js';

const config = (authentication: Record<string, unknown>) =>
  parseServerConfig({ cycle_length: 60, authentication });

const hs256 = (secret: string, claims: Record<string, unknown> = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));

const outcome = (promise: Promise<void>): Promise<string> =>
  promise.then(
    () => 'ok',
    (error: Error) => error.message,
  );

describe('worker authentication (D7)', () => {
  let rsaPem: string;
  let rsaToken: string;
  let endpoint: Server;
  let endpointUrl: string;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    rsaPem = await exportSPKI(publicKey);
    rsaToken = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    endpoint = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const token = (JSON.parse(body) as { auth_token: string }).auth_token;
        if (token === 'slow') return; // never answers
        response.statusCode = token === 'good' ? 200 : 403;
        response.end();
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/verify`;
  });
  afterAll(() => {
    endpoint.closeAllConnections();
    endpoint.close();
  });

  it('lets anyone in when no authentication is configured', async () => {
    expect(await outcome(verifyWorkerToken(config({}), undefined, 1000))).toBe('ok');
  });

  it('accepts HS256 with the secret and RS256 with the public key (the PyGrid fixtures)', async () => {
    const both = config({ secret: 'abc', pub_key: rsaPem });

    expect(await outcome(verifyWorkerToken(both, await hs256('abc'), 1000))).toBe('ok');
    expect(await outcome(verifyWorkerToken(both, rsaToken, 1000))).toBe('ok');
  });

  it('answers with the section 7 messages for a missing or invalid token', async () => {
    const both = config({ secret: 'abc', pub_key: rsaPem });

    expect(await outcome(verifyWorkerToken(both, undefined, 1000))).toBe(
      "Authentication is required, please pass an 'auth_token'.",
    );
    expect(await outcome(verifyWorkerToken(both, 'just kidding!', 1000))).toBe(
      "The 'auth_token' you sent is invalid.",
    );
    expect(await outcome(verifyWorkerToken(both, await hs256('wrong'), 1000))).toBe(
      "The 'auth_token' you sent is invalid.",
    );
  });

  it('refuses alg none and HS256 signed with the public key (key confusion)', async () => {
    const rsaOnly = config({ pub_key: rsaPem });
    const none = new UnsecuredJWT({}).encode();

    expect(await outcome(verifyWorkerToken(rsaOnly, none, 1000))).toBe(
      "The 'auth_token' you sent is invalid.",
    );
    expect(await outcome(verifyWorkerToken(rsaOnly, await hs256(rsaPem), 1000))).toBe(
      "The 'auth_token' you sent is invalid.",
    );
  });

  it('honours exp and nbf', async () => {
    const secret = config({ secret: 'abc' });
    const now = Math.floor(Date.now() / 1000);

    expect(
      await outcome(verifyWorkerToken(secret, await hs256('abc', { exp: now - 10 }), 1000)),
    ).toBe("The 'auth_token' you sent is invalid.");
    expect(
      await outcome(verifyWorkerToken(secret, await hs256('abc', { nbf: now + 600 }), 1000)),
    ).toBe("The 'auth_token' you sent is invalid.");
    expect(
      await outcome(verifyWorkerToken(secret, await hs256('abc', { exp: now + 600 }), 1000)),
    ).toBe('ok');
  });

  it('asks the third-party endpoint, with a timeout', async () => {
    const thirdParty = config({ endpoint: endpointUrl });
    const fail = "The 'auth_token' you sent did not pass 3rd party validation.";

    expect(await outcome(verifyWorkerToken(thirdParty, 'good', 1000))).toBe('ok');
    expect(await outcome(verifyWorkerToken(thirdParty, 'bad', 1000))).toBe(fail);
    expect(await outcome(verifyWorkerToken(thirdParty, 'slow', 200))).toBe(fail);
  });
});
