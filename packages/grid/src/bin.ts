#!/usr/bin/env node
/**
 * Runs a grid node: `node packages/grid/dist/bin.js --port 5000 --data ./grid-data [--host 0.0.0.0]`.
 * Stops cleanly on SIGINT and SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startGrid } from './grid.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5000' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string', default: './grid-data' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be an integer from 0 to 65535, got ${values.port}\n`);
  process.exit(2);
}

const grid = await startGrid({ port, host: values.host, dataDir: values.data });
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  grid.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
