/**
 * Section 1, training step: one SGD step of the 784-392-10 MLP training plan at batch 64.
 *
 * On each backend (wasm, our default in Node; cpu, tfjs's default and so syft.js's in Node):
 * - eager: the hand-written tfjs step of eager-step.ts (the floor);
 * - ours, compiled plan: `compilePlan(decodePlan(bytes)).execute(...)`;
 * - ours, PlanTrainer: the client's training loop over 8 batches, per batch;
 * - syft.js 0.1.4: its `Plan.execute` on the same plan bytes.
 * Every run reads the loss back (`dataSync`), so the step has finished when the timer stops.
 */
import * as tf from '@tensorflow/tfjs';
import { compilePlan, decodePlan, selectBackend, type BackendName } from '@syft-ts/core';
import {
  Plan,
  PlanInputSpec,
  PlanOutputSpec,
  PlanTrainer,
  SyftModel,
  createLogger,
} from '@syft-ts/client';
import { eagerSgdStep } from './eager-step.js';
import { measureTogether, type Timing } from './measure.js';
import {
  BATCH_SIZE,
  LEARNING_RATE,
  buildMlpFixture,
  disposeStepInputs,
  stepInputs,
  type MlpFixture,
} from './mnist-mlp-fixture.js';
import { ms, times, type SectionResult } from './report.js';
import { loadSyftJs, type SyftJs } from './syftjs-internals.js';

const TRAINER_BATCHES = 8;
/** Examples per worker in the CLI demo (60,000 / 10 workers). */
const SHARD_ROWS = 6000;

/** Step timings on one backend. */
interface BackendTimings {
  eager: Timing;
  compiled: Timing;
  trainerPerStep: Timing;
  trainerShardPerStep: Timing;
  syftJs: Timing;
}

/** Largest output difference the floor may have from the plan (float32 rounding). */
const SAME_MATHS_TOLERANCE = 1e-4;

/**
 * Checks that the eager floor computes what the plan computes (same loss, accuracy and
 * updated parameters), so that it is a floor for the same work.
 */
function checkSameMaths(eager: tf.Tensor[], plan: tf.Tensor[], backend: BackendName): void {
  if (eager.length !== plan.length) {
    throw new Error(`eager step returns ${eager.length} tensors, the plan ${plan.length}`);
  }
  eager.forEach((e, i) => {
    const p = plan[i] as tf.Tensor;
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(tf.reshape(e, [-1]), tf.reshape(p, [-1])))));
    const worst = diff.dataSync()[0] as number;
    diff.dispose();
    if (!(worst <= SAME_MATHS_TOLERANCE)) {
      throw new Error(`eager step output ${i} differs from the plan's by ${worst} on ${backend}`);
    }
  });
}

const runAndRead = (outputs: tf.Tensor[]): void => {
  outputs[0]?.dataSync();
  tf.dispose(outputs);
};

/**
 * A PlanTrainer that runs TRAINER_BATCHES batches of a data set of `rows` examples, and how
 * to free it.
 */
function makeTrainer(
  fixture: MlpFixture,
  rows: number,
): { trainer: PlanTrainer; dispose: () => void } {
  const inputs = stepInputs(fixture, rows);
  const plan = Plan.fromProtobuf('training_plan', fixture.planBytes);
  const model = new SyftModel(inputs.params.map((p) => p.clone()));
  const trainer = new PlanTrainer({
    worker: null,
    plan,
    inputs: [
      new PlanInputSpec(PlanInputSpec.TYPE_DATA),
      new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
      new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
      new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
      new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
    ],
    outputs: [
      new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
      new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
      new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
    ],
    model,
    data: inputs.x,
    target: inputs.y,
    epochs: 1,
    batchSize: BATCH_SIZE,
    stepsPerEpoch: TRAINER_BATCHES,
    clientConfig: { lr: LEARNING_RATE },
    logger: createLogger('silent'),
  });
  const dispose = (): void => {
    trainer.dispose();
    model.dispose();
    plan.dispose();
    disposeStepInputs(inputs);
  };
  return { trainer, dispose };
}

const perStep = (t: Timing): Timing => ({
  ...t,
  medianMs: t.medianMs / TRAINER_BATCHES,
  bestMs: t.bestMs / TRAINER_BATCHES,
});

async function timeBackend(
  backend: BackendName,
  fixture: MlpFixture,
  syftJs: SyftJs,
): Promise<BackendTimings> {
  await selectBackend(backend);
  const inputs = stepInputs(fixture);
  const args = [inputs.x, inputs.y, inputs.batchSize, inputs.lr, ...inputs.params];
  const compiled = compilePlan(decodePlan(fixture.planBytes));
  const theirs = syftJs.loadPlan(fixture.planBytes);
  const eagerOutputs = eagerSgdStep(inputs);
  const planOutputs = compiled.execute(args);
  try {
    checkSameMaths(eagerOutputs, planOutputs, backend);
  } finally {
    tf.dispose([...eagerOutputs, ...planOutputs]);
  }
  const small = makeTrainer(fixture, BATCH_SIZE * TRAINER_BATCHES);
  const shard = makeTrainer(fixture, SHARD_ROWS);
  // cpu steps take about half a second: fewer runs per round there.
  const options =
    backend === 'cpu'
      ? { rounds: 5, minRuns: 1, timeMs: 0 }
      : { rounds: 9, minRuns: 3, timeMs: 300 };
  try {
    const t = await measureTogether(
      {
        eager: () => runAndRead(eagerSgdStep(inputs)),
        compiled: () => runAndRead(compiled.execute(args)),
        trainer: async () => await small.trainer.start(),
        trainerShard: async () => await shard.trainer.start(),
        syftJs: async () => runAndRead(await theirs.execute(syftJs.worker, ...args)),
      },
      options,
    );
    return {
      eager: t.eager,
      compiled: t.compiled,
      trainerPerStep: perStep(t.trainer),
      trainerShardPerStep: perStep(t.trainerShard),
      syftJs: t.syftJs,
    };
  } finally {
    small.dispose();
    shard.dispose();
    compiled.dispose();
    disposeStepInputs(inputs);
  }
}

const runsNote = (name: string, t: Timing): string => `${name} ${t.runs}`;

/** Runs section 1 and returns its rows. */
export async function benchTraining(): Promise<SectionResult> {
  await selectBackend('wasm');
  const fixture = buildMlpFixture();
  const syftJs = loadSyftJs();
  const wasm = await timeBackend('wasm', fixture, syftJs);
  const cpu = await timeBackend('cpu', fixture, syftJs);

  const row = (what: string, t: Timing, ratio = '', target = '', pass: boolean | null = null) => ({
    what,
    value: ms(t.medianMs),
    ratio,
    target,
    pass,
  });
  const overFloor = (t: Timing, floor: Timing): number => t.medianMs / floor.medianMs;
  const floorTarget = (what: string, t: Timing) => {
    const ratio = overFloor(t, wasm.eager);
    return row(what, t, times(ratio), '<= 1.10x eager', ratio <= 1.1);
  };
  const syftTarget = (what: string, ours: Timing) => {
    const ratio = cpu.syftJs.medianMs / ours.medianMs;
    return row(what, cpu.syftJs, times(ratio), '>= 5x', ratio >= 5);
  };
  const rows = `${BATCH_SIZE * TRAINER_BATCHES}`;

  return {
    title: '1. Training step (784-392-10 MLP, batch 64, SGD)',
    method:
      `One step of the traced training plan (${fixture.planBytes.length} B) on ${fixture.paramCount} ` +
      'parameters; median latency per step. "eager" is the same maths hand-written in eager ' +
      'tfjs (the floor); ratios of our rows are to the eager floor on the same backend, ratios ' +
      "of syft.js rows are syft.js's time over ours (higher = we are faster). PlanTrainer rows " +
      `run ${TRAINER_BATCHES} batches of a data tensor of the given size (the CLI demo gives ` +
      `each worker ${SHARD_ROWS} examples) and include its batch slicing and loss read-back.`,
    rows: [
      row('eager tfjs, wasm (floor)', wasm.eager),
      floorTarget('ours, compiled plan, wasm', wasm.compiled),
      floorTarget(`ours, PlanTrainer per step, ${rows}-example data, wasm`, wasm.trainerPerStep),
      floorTarget(
        `ours, PlanTrainer per step, ${SHARD_ROWS}-example shard, wasm`,
        wasm.trainerShardPerStep,
      ),
      row(
        'syft.js 0.1.4 Plan.execute, wasm (same backend)',
        wasm.syftJs,
        times(wasm.syftJs.medianMs / wasm.compiled.medianMs),
      ),
      row('eager tfjs, cpu', cpu.eager),
      row('ours, compiled plan, cpu', cpu.compiled, times(overFloor(cpu.compiled, cpu.eager))),
      row(
        `ours, PlanTrainer per step, ${rows}-example data, cpu`,
        cpu.trainerPerStep,
        times(overFloor(cpu.trainerPerStep, cpu.eager)),
      ),
      row(
        `ours, PlanTrainer per step, ${SHARD_ROWS}-example shard, cpu`,
        cpu.trainerShardPerStep,
        times(overFloor(cpu.trainerShardPerStep, cpu.eager)),
      ),
      row(
        'syft.js 0.1.4 Plan.execute, cpu (same backend)',
        cpu.syftJs,
        times(cpu.syftJs.medianMs / cpu.compiled.medianMs),
      ),
      syftTarget('syft.js on its default (cpu) / ours compiled plan on wasm', wasm.compiled),
      syftTarget(
        `syft.js on its default (cpu) / ours PlanTrainer (${SHARD_ROWS}-example shard) on wasm`,
        wasm.trainerShardPerStep,
      ),
    ],
    notes: [
      `Medians over ${wasm.eager.rounds} alternating rounds; timed runs in all: ` +
        [
          runsNote('eager wasm', wasm.eager),
          runsNote('compiled wasm', wasm.compiled),
          runsNote('PlanTrainer wasm', wasm.trainerPerStep),
          runsNote('PlanTrainer shard wasm', wasm.trainerShardPerStep),
          runsNote('syft.js wasm', wasm.syftJs),
          runsNote('eager cpu', cpu.eager),
          runsNote('compiled cpu', cpu.compiled),
          runsNote('PlanTrainer cpu', cpu.trainerPerStep),
          runsNote('PlanTrainer shard cpu', cpu.trainerShardPerStep),
          runsNote('syft.js cpu', cpu.syftJs),
        ].join(', ') +
        ` (PlanTrainer runs are ${TRAINER_BATCHES} batches each).`,
    ],
  };
}
