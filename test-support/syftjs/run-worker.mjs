// Runs one published syft.js 0.1.4 worker for one cycle against a grid, in Node 20.
//
//   node --import ./no-long.mjs run-worker.mjs '<json job>'
//
// job: {
//   url: "ws://127.0.0.1:PORT" (or http://),  modelName, modelVersion, authToken?,
//   planName: "training_plan",
//   inputs: [{ shape: [3], values: [..] } | number, ...]   plan arguments before the model params,
//   appendModelParams: true                                  pass model.params after the inputs,
//   outputParams: [0]                                        plan output indices = new params
// }
// Prints, as the LAST line of stdout, one JSON line: {"event":"reported"|"rejected"|"error", ...} and exits.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');
globalThis.WebSocket = require('ws');
const { Syft } = require('@openmined/syft.js');

const job = JSON.parse(process.argv[2] ?? '{}');
const describeError = (error) =>
  error instanceof Error
    ? error.message
    : typeof error === 'object'
      ? JSON.stringify(error)
      : String(error);
// `then` runs once the line is flushed: a large line (a 2NN's parameters) is cut short when
// the process exits before the pipe drains.
const print = (line, then) => {
  process.stdout.write(`${JSON.stringify(line)}\n`, then);
};

const timer = setTimeout(() => {
  print({ event: 'error', message: 'timed out after 60 s' });
  process.exit(3);
}, 60_000);

async function main() {
  await tf.setBackend('cpu');
  // syft.js accepts insecure (ws://, http://) URLs only with verbose: true; its log lines go
  // to stdout, so the result is the last line.
  const syft = new Syft({ url: job.url, verbose: true, authToken: job.authToken });
  const fl = await syft.newJob({ modelName: job.modelName, modelVersion: job.modelVersion });
  const done = new Promise((resolve) => {
    fl.on('accepted', async ({ model }) => {
      try {
        const plan = fl.plans[job.planName ?? 'training_plan'];
        const inputs = (job.inputs ?? []).map((i) =>
          typeof i === 'number' ? i : tf.tensor(i.values, i.shape),
        );
        const args = job.appendModelParams === false ? inputs : [...inputs, ...model.params];
        const outputs = await plan.execute(fl.worker, ...args);
        const newParams = (job.outputParams ?? [0]).map((i) => outputs[i]);
        const values = await Promise.all(newParams.map((t) => t.array()));
        const diff = await model.createSerializedDiff(newParams);
        await fl.report(diff);
        resolve({ event: 'reported', newParams: values });
      } catch (error) {
        resolve({ event: 'error', message: describeError(error) });
      }
    });
    fl.on('rejected', ({ timeout }) => resolve({ event: 'rejected', timeout: timeout ?? null }));
    fl.on('error', (error) => resolve({ event: 'error', message: describeError(error) }));
  });
  fl.start();
  return done;
}

main()
  .then((line) => {
    clearTimeout(timer);
    print(line, () => process.exit(line.event === 'error' ? 1 : 0));
  })
  .catch((error) => {
    print({ event: 'error', message: describeError(error) }, () => process.exit(1));
  });
