import { describe, expect, it } from 'vitest';
import { modelDigest } from './model-digest.js';

describe('modelDigest', () => {
  it('is 16 hex digits and the same for the same bytes', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);

    const digest = modelDigest(bytes);

    expect(digest).toMatch(/^[0-9a-f]{16}$/);
    expect(modelDigest(Uint8Array.from(bytes))).toBe(digest);
  });

  it('changes when one byte changes', () => {
    const bytes = new Uint8Array(4096);
    const changed = Uint8Array.from(bytes);
    changed[2048] = 1;

    expect(modelDigest(changed)).not.toBe(modelDigest(bytes));
  });
});
