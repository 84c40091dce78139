/**
 * @syft-ts/grid: a durable, PyGrid-compatible model-centric federated-learning grid node.
 * @packageDocumentation
 */
export { startGrid, type GridHandle, type GridOptions } from './grid.js';
export { DEFAULT_LIMITS, type GridLimits } from './context.js';
export { GridError, Messages } from './errors.js';
export { OWNER_TOKEN_FILE } from './auth/owner-token.js';
export { parseServerConfig, type ServerConfig } from './server-config.js';
export type { GridStore, StoreTransaction, NewCycle, NewPlan, NewProcess } from './store/store.js';
export * from './store/records.js';
export { SqliteGridStore, SQLITE_FILE_NAME } from './store/sqlite-store.js';
