import { describe, expect, test } from 'vitest';

import type { Protocol } from './messages.js';
import { decodeProtocol, encodeProtocol } from './protocol-codec.js';
import { PROTOCOL_VECTOR, vectorBytes } from './vectors.test-helper.js';

describe('decodeProtocol / encodeProtocol', () => {
  test('the legacy-layout PROTOCOL vector decodes without error', () => {
    const bytes = vectorBytes(PROTOCOL_VECTOR);

    const protocol = decodeProtocol(bytes);

    // Only the id means the same in both layouts; field 5 (legacy plan_assignments) is read as
    // the v0.4.9 description string, keeping its last occurrence.
    expect(protocol.id).toBe(10000000013n);
    expect(protocol.roles.size).toBe(0);
    expect(protocol.description).toContain('worker3');
  });

  test('a v0.4.9 protocol with roles round-trips', () => {
    const protocol: Protocol = {
      id: 'proto',
      name: 'secure_sum',
      roles: new Map([
        [
          'alice',
          {
            id: 1n,
            actions: [],
            placeholders: [],
            inputIds: [2n],
            outputIds: [3n],
            tags: [],
            description: '',
          },
        ],
        [
          'bob',
          {
            actions: [],
            placeholders: [],
            inputIds: [],
            outputIds: [],
            tags: ['b'],
            description: 'bob',
          },
        ],
      ]),
      tags: ['#fl'],
      description: 'two roles',
    };

    const decoded = decodeProtocol(encodeProtocol(protocol));

    expect(decoded).toEqual(protocol);
    expect([...decoded.roles.keys()]).toEqual(['alice', 'bob']);
  });
});
