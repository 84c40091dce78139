import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './logger.js';

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const logger = createLogger(level, (_level, line) => lines.push(line));
  return { logger, lines };
}

describe('logger', () => {
  it('never writes auth tokens, request keys or diffs given as fields', () => {
    const { logger, lines } = capture('debug');
    const requestKey = 'a'.repeat(64);

    logger.info('sending', {
      auth_token: 'eyJhbGciOiJIUzI1NiJ9.e30.sig',
      request_key: requestKey,
      diff: 'AAAAAAAA',
      nested: { authToken: 'opaque-secret' },
      model: 'mnist',
    });

    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('eyJ');
    expect(lines[0]).not.toContain(requestKey);
    expect(lines[0]).not.toContain('AAAAAAAA');
    expect(lines[0]).not.toContain('opaque-secret');
    expect(lines[0]).toContain('mnist');
  });

  it('removes secrets from raw frame text and messages', () => {
    const { logger, lines } = capture('debug');
    const frame = JSON.stringify({
      data: { request_key: 'k1', diff: 'ZGlmZg==', auth_token: 'tok' },
    });

    logger.warn(`bad frame ${frame}`, { frame });

    expect(lines[0]).not.toMatch(/k1|ZGlmZg==|"tok"/);
  });

  it('drops lines below its level and writes nothing when silent', () => {
    const warnOnly = capture('warn');
    const silent = capture('silent');

    warnOnly.logger.info('hidden');
    warnOnly.logger.warn('shown');
    silent.logger.error('hidden');

    expect(warnOnly.lines).toEqual(['[syft] warn: shown']);
    expect(silent.lines).toEqual([]);
  });

  it('describes binary payloads by size only', () => {
    expect(redact({ body: new Uint8Array(10) })).toEqual({ body: '[10 bytes]' });
  });
});
