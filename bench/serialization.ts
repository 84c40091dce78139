/**
 * Section 2, serialization: the two model codec paths a worker runs every cycle, for the
 * 311,650 parameters of the 784-392-10 MLP, ours against syft.js 0.1.4 on the same backend:
 * - diff: `SyftModel.createSerializedDiff(updated)` (subtract, then encode a `State`);
 * - decode: a downloaded `State` into tensors (`SyftModel.fromProtobuf` for us,
 *   `new SyftModel({ worker, modelData })` as syft.js's `Job` does).
 */
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '@syft-ts/core';
import { SyftModel } from '@syft-ts/client';
import { measureTogether, type Timing } from './measure.js';
import { buildMlpFixture, type MlpFixture } from './mnist-mlp-fixture.js';
import { ms, times, type ResultRow, type SectionResult } from './report.js';
import { loadSyftJs, type SyftJs } from './syftjs-internals.js';

const TARGET = 20;

interface CodecTimings {
  oursDiff: Timing;
  theirsDiff: Timing;
  oursDecode: Timing;
  theirsDecode: Timing;
  diffBytes: { ours: number; theirs: number };
}

async function timeCodec(
  backend: BackendName,
  fixture: MlpFixture,
  syftJs: SyftJs,
): Promise<CodecTimings> {
  await selectBackend(backend);
  const ours = SyftModel.fromProtobuf(fixture.modelBytes);
  const theirs = syftJs.loadModel(fixture.modelBytes);
  const updated = ours.params.map((p) => tf.add(p, 0.001));
  try {
    const oursBytes = (await ours.createSerializedDiff(updated)).byteLength;
    const theirsBytes = (await theirs.createSerializedDiff(updated)).byteLength;
    const t = await measureTogether({
      oursDiff: async () => await ours.createSerializedDiff(updated),
      theirsDiff: async () => await theirs.createSerializedDiff(updated),
      oursDecode: () => SyftModel.fromProtobuf(fixture.modelBytes).dispose(),
      theirsDecode: () => tf.dispose(syftJs.loadModel(fixture.modelBytes).params),
    });
    return {
      ...t,
      diffBytes: { ours: oursBytes, theirs: theirsBytes },
    };
  } finally {
    tf.dispose([...updated, ...theirs.params]);
    ours.dispose();
  }
}

function rows(backend: BackendName, t: CodecTimings): ResultRow[] {
  const speedup = (theirs: Timing, ours: Timing): number => theirs.medianMs / ours.medianMs;
  const diff = speedup(t.theirsDiff, t.oursDiff);
  const decode = speedup(t.theirsDecode, t.oursDecode);
  const plain = (what: string, timing: Timing): ResultRow => ({
    what,
    value: ms(timing.medianMs),
    ratio: '',
    target: '',
    pass: null,
  });
  return [
    plain(`syft.js createSerializedDiff, ${backend} (baseline)`, t.theirsDiff),
    {
      what: `ours createSerializedDiff, ${backend}`,
      value: ms(t.oursDiff.medianMs),
      ratio: times(diff),
      target: `>= ${TARGET}x faster`,
      pass: diff >= TARGET,
    },
    plain(`syft.js model decode, ${backend} (baseline)`, t.theirsDecode),
    {
      what: `ours model decode, ${backend}`,
      value: ms(t.oursDecode.medianMs),
      ratio: times(decode),
      target: `>= ${TARGET}x faster`,
      pass: decode >= TARGET,
    },
  ];
}

/** Runs section 2. */
export async function benchSerialization(): Promise<SectionResult> {
  await selectBackend('wasm');
  const fixture = buildMlpFixture();
  const syftJs = loadSyftJs();
  const wasm = await timeCodec('wasm', fixture, syftJs);
  const cpu = await timeCodec('cpu', fixture, syftJs);
  const runs = (t: CodecTimings): string =>
    [t.oursDiff, t.theirsDiff, t.oursDecode, t.theirsDecode].map((x) => x.runs).join('/');
  return {
    title: '2. Serialization (311,650 parameters)',
    method:
      `Median latency of one diff serialization and one model decode (${fixture.modelBytes.length} ` +
      "B State). Ratios are syft.js's time over ours on the same backend (higher = we are faster).",
    rows: [...rows('wasm', wasm), ...rows('cpu', cpu)],
    notes: [
      `Serialized diff size: ours ${wasm.diffBytes.ours} B, syft.js ${wasm.diffBytes.theirs} B.`,
      `Timed runs (ours diff/syft.js diff/ours decode/syft.js decode): wasm ${runs(wasm)}, ` +
        `cpu ${runs(cpu)}.`,
    ],
  };
}
