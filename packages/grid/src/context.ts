import type { Logger } from 'pino';
import type { DiffSlots } from './diff-slots.js';
import type { ProcessFactsCache } from './process-facts.js';
import type { GroupCommit } from './store/group-commit.js';
import type { GridStore } from './store/store.js';

/** Request size limits, in bytes (D9). */
export interface GridLimits {
  /** Largest `host-training` request (hex doubles the model and plans). */
  hostBytes: number;
  /** Largest `report` request (base64 adds a third to the diff). */
  reportBytes: number;
  /** Largest request of any other kind. */
  otherBytes: number;
  /** Size of the speed-test download sample. */
  speedTestSampleBytes: number;
  /** Largest speed-test upload read (and discarded). */
  speedTestUploadBytes: number;
}

/** Default limits: a ~100 MB model host, ~10 MB reports. */
export const DEFAULT_LIMITS: GridLimits = {
  hostBytes: 256 * 1024 * 1024,
  reportBytes: 16 * 1024 * 1024,
  otherBytes: 1024 * 1024,
  speedTestSampleBytes: 4 * 1024 * 1024,
  speedTestUploadBytes: 128 * 1024 * 1024,
};

/** What every grid operation needs: the store, the owner token, limits, clock and logger. */
export interface GridContext {
  store: GridStore;
  /** Group commit of reports, cycle requests and authentications: one transaction per batch. */
  commits: GroupCommit;
  /** Bounds the diffs decoded in memory while they wait for their batch. */
  diffSlots: DiffSlots;
  /** Hosted processes' resolved configs, checked against the store on every use. */
  processFacts: ProcessFactsCache;
  ownerToken: string;
  limits: GridLimits;
  /** Timeout of a process's third-party authentication endpoint. */
  authEndpointTimeoutMs: number;
  log: Logger;
  /** Wall clock in ms (injectable for tests). */
  now: () => number;
  /** Uniform [0, 1) numbers for random pool selection (injectable for tests). */
  random: () => number;
  /** Called after a write that may have moved the earliest cycle deadline. */
  deadlinesChanged: () => void;
}
