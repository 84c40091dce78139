import { describe, expect, it } from 'vitest';
import { ClientArgumentError } from './errors.js';
import { resolveGridUrl } from './grid-url.js';

describe('resolveGridUrl', () => {
  it('upgrades ws: to wss: without verbose', () => {
    const endpoints = resolveGridUrl('ws://grid.example:5000', false);

    expect(endpoints).toEqual({
      transport: 'ws',
      wsUrl: 'wss://grid.example:5000/',
      httpUrl: 'https://grid.example:5000',
    });
  });

  it('upgrades http: to https: without verbose', () => {
    const endpoints = resolveGridUrl('http://grid.example/base/', false);

    expect(endpoints.transport).toBe('http');
    expect(endpoints.httpUrl).toBe('https://grid.example/base');
    expect(endpoints.wsUrl).toBe('wss://grid.example/base/');
  });

  it('never turns wss: into wsss:', () => {
    expect(resolveGridUrl('wss://grid.example', false).wsUrl).toBe('wss://grid.example/');
    expect(resolveGridUrl('https://grid.example', false).httpUrl).toBe('https://grid.example');
  });

  it('keeps ws: and http: as given with verbose', () => {
    expect(resolveGridUrl('ws://127.0.0.1:5000', true).wsUrl).toBe('ws://127.0.0.1:5000/');
    expect(resolveGridUrl('ws://127.0.0.1:5000', true).httpUrl).toBe('http://127.0.0.1:5000');
    expect(resolveGridUrl('http://127.0.0.1:5000', true).httpUrl).toBe('http://127.0.0.1:5000');
  });

  it('refuses other schemes and relative URLs with a typed error', () => {
    expect(() => resolveGridUrl('ftp://grid.example', true)).toThrow(ClientArgumentError);
    expect(() => resolveGridUrl('grid.example:5000', true)).toThrow(/ws:, wss:, http: or https:/);
    expect(() => resolveGridUrl('/relative', true)).toThrow(/absolute/);
  });
});
