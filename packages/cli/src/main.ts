#!/usr/bin/env node
/** Entry point of the `syft` command. */
process.stderr.write('syft: not built yet\n');
process.exitCode = 1;
