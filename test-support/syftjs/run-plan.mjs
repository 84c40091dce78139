// Executes one serialized Plan with the published syft.js 0.1.4 plan executor, in Node 20.
//
//   node --import ./no-long.mjs run-plan.mjs < job.json
//
// job (JSON on stdin): {
//   plan: "<base64 Plan bytes>",
//   inputs: [ number | { shape: [..], values: [..], dtype?: "float32"|"int32"|"bool" }, ... ],
//   backend?: "cpu" | "wasm"        (default cpu)
// }
// Prints one JSON line as the LAST line of stdout:
//   {"event":"outputs","outputs":[{"shape":[..],"dtype":"float32","values":[..]}, ...]}
//   {"event":"error","message":"..."}
//
// syft.js exports only its `Syft` class, so this script loads syft.js's own CommonJS bundle
// with one extra line that exposes two of its internals: the protobuf unserializer and the
// protobuf message classes. The plan is then decoded and executed exactly as a syft.js worker
// does after downloading it (Plan.execute → Role.execute → tf[command](...args, ...kwargs)).
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs');

function loadSyftJsInternals() {
  const file = require.resolve('@openmined/syft.js');
  const source =
    fs.readFileSync(file, 'utf8') +
    '\nexports.__interop = { unserialize: unserialize, protobuf: protobuf$1, Syft: Syft };\n';
  const mod = new Module(file, undefined);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(source, file);
  return mod.exports.__interop;
}

// Exit only once the (possibly large) line is flushed to the pipe.
const printAndExit = (line, code) =>
  process.stdout.write(`\n${JSON.stringify(line)}\n`, () => process.exit(code));

async function main() {
  const job = JSON.parse(fs.readFileSync(0, 'utf8'));
  if (job.backend === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(job.backend ?? 'cpu');
  const { unserialize, protobuf, Syft } = loadSyftJsInternals();
  const worker = new Syft({ url: 'ws://127.0.0.1:9', verbose: false });
  const bytes = new Uint8Array(Buffer.from(job.plan, 'base64'));
  const plan = unserialize(worker, bytes, protobuf.syft_proto.execution.v1.Plan);
  const inputs = job.inputs.map((i) =>
    typeof i === 'number' ? i : tf.tensor(i.values, i.shape, i.dtype ?? 'float32'),
  );
  const results = await plan.execute(worker, ...inputs);
  const outputs = await Promise.all(
    results.map(async (t) => {
      const tensor = t instanceof tf.Tensor ? t : tf.scalar(t);
      return { shape: tensor.shape, dtype: tensor.dtype, values: Array.from(await tensor.data()) };
    }),
  );
  return { event: 'outputs', outputs };
}

main()
  .then((line) => printAndExit(line, 0))
  .catch((error) => printAndExit({ event: 'error', message: String(error?.message ?? error) }, 1));
