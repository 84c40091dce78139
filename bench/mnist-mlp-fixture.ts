/**
 * The model every client-side section measures: the 784-392-10 MNIST MLP of the syft.js
 * examples (311,650 float32 parameters), its SGD training plan at batch 64 and one batch of
 * synthetic data. Timing does not depend on the values, so the data is random but fixed.
 */
import * as tf from '@tensorflow/tfjs';
import { encodePlan, encodeState } from '@syft-ts/core';
import { mnistMlp } from '@syft-ts/author';

/** The batch size of the training plan. */
export const BATCH_SIZE = 64;
/** The SGD learning rate passed to the plan. */
export const LEARNING_RATE = 0.05;

/** What the training and serialization sections share. */
export interface MlpFixture {
  /** The serialized training plan (what a grid serves and both workers run). */
  planBytes: Uint8Array;
  /** The serialized initial model (a `State`, what `get-model` returns). */
  modelBytes: Uint8Array;
  /** Parameter shapes in plan order. */
  paramShapes: number[][];
  /** Number of float32 parameters. */
  paramCount: number;
  /** Initial parameter values, in plan order. */
  paramValues: Float32Array[];
}

/** Builds the model and its training plan (seeded) and serializes both. */
export function buildMlpFixture(): MlpFixture {
  const built = mnistMlp({ seed: 1, batchSize: BATCH_SIZE });
  const paramValues = built.params.map((p) => p.dataSync() as Float32Array);
  const fixture: MlpFixture = {
    planBytes: encodePlan(built.trainingPlan),
    modelBytes: encodeState(built.state),
    paramShapes: built.params.map((p) => [...p.shape]),
    paramCount: paramValues.reduce((n, v) => n + v.length, 0),
    paramValues: paramValues.map((v) => Float32Array.from(v)),
  };
  tf.dispose([...built.params, ...built.optimizerState]);
  return fixture;
}

/** Tensors on the current backend: one batch, the two scalar inputs and the parameters. */
export interface StepInputs {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  batchSize: tf.Tensor1D;
  lr: tf.Tensor1D;
  params: tf.Tensor[];
}

/** Creates a batch of `rows` examples (random pixels, one-hot random labels) and the params. */
export function stepInputs(fixture: MlpFixture, rows = BATCH_SIZE): StepInputs {
  return tf.tidy(() => ({
    x: tf.randomUniform<tf.Rank.R2>([rows, 784], 0, 1, 'float32', 7),
    y: tf.oneHot(tf.randomUniform([rows], 0, 10, 'int32', 8), 10).toFloat() as tf.Tensor2D,
    batchSize: tf.tensor1d([BATCH_SIZE]),
    lr: tf.tensor1d([LEARNING_RATE]),
    params: fixture.paramValues.map((v, i) => tf.tensor(v, fixture.paramShapes[i])),
  }));
}

/** Frees step inputs. */
export function disposeStepInputs(inputs: StepInputs): void {
  tf.dispose([inputs.x, inputs.y, inputs.batchSize, inputs.lr, ...inputs.params]);
}
