import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { loadOwnerToken, OWNER_TOKEN_FILE } from './owner-token.js';

const freshDir = (): string => mkdtempSync(join(tmpdir(), 'syft-owner-token-'));

describe('loadOwnerToken', () => {
  it('creates a token on first start and reads the same one afterwards', () => {
    const dataDir = freshDir();

    const first = loadOwnerToken(dataDir);
    const second = loadOwnerToken(dataDir);

    expect(first.created).toBe(true);
    expect(second).toEqual({ token: first.token, path: first.path, created: false });
  });

  it('refuses an empty or whitespace-only token file instead of replacing it', () => {
    const dataDir = freshDir();
    const path = join(dataDir, OWNER_TOKEN_FILE);
    writeFileSync(path, ' \n\t\n');

    expect(() => loadOwnerToken(dataDir)).toThrow(
      `${path} is empty; delete it to create a new token`,
    );
    expect(readFileSync(path, 'utf8')).toBe(' \n\t\n');
  });

  it('refuses a token file too short to be a token', () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, OWNER_TOKEN_FILE), 'short\n');

    expect(() => loadOwnerToken(dataDir)).toThrow(/holds 5 characters \(at least 32\)/);
  });
});
