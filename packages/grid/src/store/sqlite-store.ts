import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { join } from 'node:path';
import { SQLITE_SCHEMA } from './sqlite-schema.js';
import { SqliteTransaction } from './sqlite-transaction.js';
import type { GridStore, StoreTransaction } from './store.js';

/** The file name of the SQLite database inside the grid's data folder. */
export const SQLITE_FILE_NAME = 'grid.sqlite';

/**
 * The grid store in one SQLite file (`grid.sqlite` in the data folder), WAL mode, synchronous
 * commits. Transactions of this process run one at a time; against other processes sharing the
 * file, write transactions take SQLite's write lock up front (`BEGIN IMMEDIATE`).
 */
export class SqliteGridStore implements GridStore {
  private readonly db: SqliteDatabase;
  private readonly tx: SqliteTransaction;
  private queue: Promise<unknown> = Promise.resolve();

  /**
   * @param dataDir - the grid's data folder; the database file is created there if missing
   * @param busyTimeoutMs - how long to wait for another process's write lock
   */
  constructor(dataDir: string, busyTimeoutMs = 10_000) {
    this.db = new Database(join(dataDir, SQLITE_FILE_NAME));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    this.db.exec(SQLITE_SCHEMA);
    this.tx = new SqliteTransaction(this.db);
  }

  write<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.serialised('BEGIN IMMEDIATE', work);
  }

  read<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.serialised('BEGIN DEFERRED', work);
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.db.close();
  }

  /** Runs transactions of this connection one after another, never interleaved. */
  private serialised<T>(begin: string, work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      this.db.exec(begin);
      try {
        const result = await work(this.tx);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
