#!/usr/bin/env node
/** Entry point of the `syft` command: parses the command line and maps failures to exit codes. */
import { exitCodeFor } from './exit-code.js';
import { buildProgram } from './program.js';

const streams = { out: process.stdout, err: process.stderr };

try {
  await buildProgram(streams).parseAsync(process.argv);
  process.exitCode = 0;
} catch (error) {
  process.exitCode = exitCodeFor(error, streams.err);
}

// tfjs's wasm backend and idle sockets can keep the event loop alive after the work is done.
process.exit();
