import type { LabelledImages } from '../mnist/labelled-images.js';
import type { CycleOutcome } from '../worker/federated-worker.js';

/** The FL process the logical workers of a host join. */
export interface ProcessAddress {
  /** Grid address. */
  readonly gridUrl: string;
  /** Process name. */
  readonly modelName: string;
  /** Process version. */
  readonly modelVersion: string;
}

/** One logical worker to create in a host: its number in the run and its shard. */
export interface LogicalWorkerSpec {
  /** Worker number in the run, from 0. */
  readonly workerIndex: number;
  /** The worker's training examples. */
  readonly examples: LabelledImages;
  /** Seed of the worker's per-cycle shuffles. */
  readonly seed: number;
}

/** Messages from the demo's main thread to a worker thread. */
export type ToWorkerThread =
  | {
      readonly kind: 'init';
      readonly process: ProcessAddress;
      readonly workers: readonly LogicalWorkerSpec[];
    }
  | {
      readonly kind: 'join-cycle';
      readonly cycle: number;
      readonly workerIndexes: readonly number[];
    }
  | { readonly kind: 'close' };

/** Messages from a worker thread to the demo's main thread. */
export type FromWorkerThread =
  | { readonly kind: 'ready'; readonly backend: string }
  | {
      readonly kind: 'outcome';
      readonly cycle: number;
      readonly workerIndex: number;
      readonly outcome: CycleOutcome;
    }
  | { readonly kind: 'failed'; readonly message: string };
