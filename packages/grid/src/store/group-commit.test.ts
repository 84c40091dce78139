import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GridError } from '../errors.js';
import { GroupCommit } from './group-commit.js';
import { SqliteGridStore } from './sqlite-store.js';
import type { GridStore, StoreTransaction } from './store.js';

/** The real SQLite store, counting its write transactions. */
class CountingStore implements GridStore {
  writes = 0;
  constructor(readonly inner: SqliteGridStore) {}
  write<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    this.writes++;
    return this.inner.write(work);
  }
  read<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.inner.read(work);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

const newProcess = (name: string) => ({
  name,
  version: '1.0',
  clientConfig: {},
  serverConfig: { cycle_length: 60 },
  modelSignature: [],
  createdAtMs: 1,
});

describe('GroupCommit', () => {
  const dirs: string[] = [];
  const stores: GridStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const openStore = (): CountingStore => {
    const dir = mkdtempSync(join(tmpdir(), 'syft-group-commit-'));
    dirs.push(dir);
    const store = new CountingStore(new SqliteGridStore(dir));
    stores.push(store);
    return store;
  };

  it('runs units submitted together in one transaction; a refusal rejects only its unit', async () => {
    const store = openStore();
    const commits = new GroupCommit(store);

    const outcomes = await Promise.allSettled([
      commits.submit((tx) => tx.insertProcess(newProcess('a'))),
      commits.submit(() => Promise.reject(new GridError('GRID_DUPLICATE_REPORT', 409, 'dup'))),
      commits.submit((tx) => tx.insertProcess(newProcess('b'))),
    ]);
    const names = await store.read(async (tx) => (await tx.listProcesses()).map((p) => p.name));

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(GridError);
    expect(store.writes).toBe(1);
    expect(names).toEqual(['a', 'b']);
  });

  it('rolls back the whole batch and rejects every unit when one fails with a bug', async () => {
    const store = openStore();
    const commits = new GroupCommit(store);

    const outcomes = await Promise.allSettled([
      commits.submit((tx) => tx.insertProcess(newProcess('a'))),
      commits.submit(() => Promise.reject(new Error('bug'))),
      commits.submit((tx) => tx.insertProcess(newProcess('b'))),
    ]);
    const count = await store.read(async (tx) => (await tx.listProcesses()).length);

    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(count).toBe(0);
  });

  it('caps a batch at maxBatch units and lets later units see earlier writes', async () => {
    const store = openStore();
    const commits = new GroupCommit(store, 2);

    const ids = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) =>
        commits.submit(async (tx) => {
          const before = (await tx.listProcesses()).length;
          await tx.insertProcess(newProcess(name));
          return before;
        }),
      ),
    );

    expect(ids).toEqual([0, 1, 2, 3, 4]);
    expect(store.writes).toBe(3);
  });
});
