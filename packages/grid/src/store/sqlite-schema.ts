/** The SQLite tables of the grid store (one file, WAL mode). */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS processes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  client_config TEXT NOT NULL,
  server_config TEXT NOT NULL,
  model_signature TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (name, version)
);
CREATE TABLE IF NOT EXISTS plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_id INTEGER NOT NULL REFERENCES processes(id),
  name TEXT,
  is_averaging INTEGER NOT NULL,
  original BLOB NOT NULL,
  tfjs BLOB,
  list BLOB
);
CREATE TABLE IF NOT EXISTS protocols (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_id INTEGER NOT NULL REFERENCES processes(id),
  name TEXT NOT NULL,
  value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS models (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_id INTEGER NOT NULL UNIQUE REFERENCES processes(id)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id INTEGER NOT NULL REFERENCES models(id),
  number INTEGER NOT NULL,
  alias TEXT NOT NULL,
  value BLOB NOT NULL,
  cycle_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (model_id, number)
);
CREATE TABLE IF NOT EXISTS cycles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  process_id INTEGER NOT NULL REFERENCES processes(id),
  sequence INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
  started_at INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  closed_at INTEGER,
  requests_seen INTEGER NOT NULL DEFAULT 0,
  checkpoint_number INTEGER,
  UNIQUE (process_id, sequence)
);
CREATE UNIQUE INDEX IF NOT EXISTS cycles_one_open ON cycles (process_id) WHERE status = 'open';
CREATE INDEX IF NOT EXISTS cycles_deadline ON cycles (deadline) WHERE status = 'open';
CREATE TABLE IF NOT EXISTS workers (
  id TEXT PRIMARY KEY,
  process_id INTEGER NOT NULL REFERENCES processes(id),
  created_at INTEGER NOT NULL,
  ping REAL,
  download REAL,
  upload REAL
);
CREATE TABLE IF NOT EXISTS worker_cycles (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  worker_id TEXT NOT NULL REFERENCES workers(id),
  cycle_id INTEGER NOT NULL REFERENCES cycles(id),
  request_key TEXT NOT NULL UNIQUE,
  admitted_at INTEGER NOT NULL,
  reported_at INTEGER,
  num_samples INTEGER,
  UNIQUE (worker_id, cycle_id)
);
CREATE INDEX IF NOT EXISTS worker_cycles_cycle ON worker_cycles (cycle_id);
CREATE TABLE IF NOT EXISTS cycle_rejections (
  cycle_id INTEGER NOT NULL REFERENCES cycles(id),
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (cycle_id, reason)
);
CREATE TABLE IF NOT EXISTS accumulators (
  cycle_id INTEGER PRIMARY KEY REFERENCES cycles(id),
  vals BLOB NOT NULL,
  weight_total REAL NOT NULL,
  count INTEGER NOT NULL
);
`;
