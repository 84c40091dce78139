/**
 * Entry of a demo worker thread: selects the wasm backend, creates its logical workers, and
 * has them join cycles when the main thread asks.
 */
import { parentPort } from 'node:worker_threads';

import { useFastBackend } from './backend.js';
import { LogicalWorkerGroup } from './logical-worker-group.js';
import type { FromWorkerThread, ToWorkerThread } from './worker-messages.js';

const port = parentPort;
let group: LogicalWorkerGroup | null = null;

const send = (message: FromWorkerThread): void => port?.postMessage(message);

async function handle(message: ToWorkerThread): Promise<void> {
  switch (message.kind) {
    case 'init': {
      const backend = await useFastBackend();
      group = new LogicalWorkerGroup(message.process, message.workers);
      send({ kind: 'ready', backend });
      return;
    }
    case 'join-cycle': {
      if (group === null) throw new Error('join-cycle before init');
      const { cycle } = message;
      await group.joinCycle(message.workerIndexes, (workerIndex, outcome) =>
        send({ kind: 'outcome', cycle, workerIndex, outcome }),
      );
      return;
    }
    case 'close':
      group?.close();
      port?.close();
      return;
  }
}

port?.on('message', (message: ToWorkerThread) => {
  handle(message).catch((error: unknown) =>
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
