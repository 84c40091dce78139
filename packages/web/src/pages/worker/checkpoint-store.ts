import type { PlanTrainerCheckpointJSON } from '../../browser/syft-browser.js';

/** One loss/accuracy point of the progress chart. */
export interface BatchPoint {
  /** Epoch of the batch. */
  epoch: number;
  /** Batch index within the epoch. */
  batch: number;
  /** Batch loss, when the plan outputs one. */
  loss: number | null;
  /** Batch accuracy, when the plan outputs an `accuracy` metric. */
  accuracy: number | null;
}

/** A stopped training as kept in the browser, enough to resume it after a reload. */
export interface SavedTraining {
  /** Process and slice, see `trainingKey`. */
  key: string;
  /** When it was saved (ms since the epoch). */
  savedAtMs: number;
  /** Digest of the grid model the training started from. */
  baseModelDigest: string;
  /** `PlanTrainerCheckpoint.toJSON()` of the stopped trainer. */
  checkpoint: PlanTrainerCheckpointJSON;
  /** The progress chart's points so far. */
  progress: BatchPoint[];
}

const DATABASE = 'syft-ts-worker';
const STORE = 'checkpoints';

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Stopped trainings, kept in the browser's IndexedDB (database `syft-ts-worker`, object store
 * `checkpoints`, keyed by process and slice). IndexedDB rather than localStorage because a
 * checkpoint holds the whole model (about 1 MiB of base64 for the 2NN).
 */
export class CheckpointStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (and on first use creates) the database. */
  static async open(): Promise<CheckpointStore> {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'key' });
    };
    return new CheckpointStore(await settle(request));
  }

  /** The saved training under `key`, if any. */
  async load(key: string): Promise<SavedTraining | undefined> {
    const tx = this.db.transaction(STORE, 'readonly');
    const found = (await settle(tx.objectStore(STORE).get(key))) as SavedTraining | undefined;
    return found;
  }

  /** Saves (or replaces) a stopped training; resolves once it is durably written. */
  async save(training: SavedTraining): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite', { durability: 'strict' });
    tx.objectStore(STORE).put(training);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
    });
  }

  /** Forgets the training under `key`. */
  async remove(key: string): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    await settle(tx.objectStore(STORE).delete(key));
  }
}
