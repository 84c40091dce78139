import * as tf from '@tensorflow/tfjs';
import { decodeState, selectBackend, tensorsFromState, type BackendName } from '@syft-ts/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClientArgumentError, ModelLoadError } from './errors.js';
import { SyftModel } from './syft-model.js';

function model(): SyftModel {
  return new SyftModel([
    tf.tensor2d([
      [1, 2],
      [3, 4],
    ]),
    tf.tensor1d([0.5, -0.5]),
  ]);
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('SyftModel', () => {
  it('serializes original − updated as a State, in parameter order', async () => {
    const original = model();
    const updated = [
      tf.tensor2d([
        [0.5, 2],
        [3, 5],
      ]),
      tf.tensor1d([0.5, 0.25]),
    ];

    const diff = await original.createSerializedDiff(updated);
    const tensors = tensorsFromState(decodeState(new Uint8Array(diff)));

    expect(diff).toBeInstanceOf(ArrayBuffer);
    expect(tensors.map((t) => t.shape)).toEqual([[2, 2], [2]]);
    expect(Array.from(tensors[0]!.dataSync())).toEqual([0.5, 0, 0, -1]);
    expect(Array.from(tensors[1]!.dataSync())).toEqual([0, -0.75]);
    tf.dispose([...tensors, ...updated]);
    original.dispose();
  });

  it('diffs against another model and leaves no tensors behind', async () => {
    const original = model();
    const trained = original.clone();
    const before = tf.memory().numTensors;

    const diff = await original.createSerializedDiffFromModel(trained);

    expect(tf.memory().numTensors).toBe(before);
    const zeros = tensorsFromState(decodeState(new Uint8Array(diff)));
    expect(zeros.every((t) => t.dataSync().every((v) => v === 0))).toBe(true);
    tf.dispose(zeros);
    original.dispose();
    trained.dispose();
  });

  it('round-trips through toProtobuf and fromProtobuf exactly', async () => {
    const original = new SyftModel([tf.tensor1d([Math.PI, 1e-30, -7.25])]);

    const copy = SyftModel.fromProtobuf(await original.toProtobuf());

    expect(Array.from(copy.params[0]!.dataSync())).toEqual(
      Array.from(original.params[0]!.dataSync()),
    );
    original.dispose();
    copy.dispose();
  });

  it('refuses a diff with another parameter count or shape, naming it', async () => {
    const original = model();
    const wrongShape = [tf.zeros([2, 2]), tf.zeros([3])];

    await expect(original.createSerializedDiff([tf.zeros([2, 2])])).rejects.toThrow(
      ClientArgumentError,
    );
    await expect(original.createSerializedDiff(wrongShape)).rejects.toThrow(
      /parameter 1 must have shape \[2\], got \[3\]/,
    );
    tf.dispose(wrongShape);
    original.dispose();
  });

  it('reports bytes that are not a State as "Failed to load Model"', () => {
    expect(() => SyftModel.fromProtobuf(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(
      ModelLoadError,
    );
    expect(() => SyftModel.fromProtobuf(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(
      /^Failed to load Model: /,
    );
  });

  it('refuses a disposed parameter with a typed error naming it', async () => {
    const original = model();
    const updated = original.clone();
    updated.params[1]?.dispose();

    await expect(original.createSerializedDiffFromModel(updated)).rejects.toThrow(
      /diff parameter 1 is disposed/,
    );
    updated.dispose();
    original.dispose();
  });

  it('diffs int32 parameters too', async () => {
    const original = new SyftModel([tf.tensor1d([5, 7], 'int32'), tf.tensor1d([0.5])]);
    const updated = [tf.tensor1d([2, 9], 'int32'), tf.tensor1d([0.25])];

    const diff = await original.createSerializedDiff(updated);
    const tensors = tensorsFromState(decodeState(new Uint8Array(diff)));

    expect(Array.from(tensors[0]!.dataSync())).toEqual([3, -2]);
    expect(Array.from(tensors[1]!.dataSync())).toEqual([0.25]);
    tf.dispose([...tensors, ...updated]);
    original.dispose();
  });
});

describe.each<BackendName>(['wasm', 'cpu'])('SyftModel diff on %s', (backend) => {
  it('holds exactly the float32 values tf.sub computes, for every call on the same model', async () => {
    await selectBackend(backend);
    const special = [0, -0, 1e-30, -1e-30, 3.4e38, -3.4e38, 1e-45, Math.PI];
    const original = new SyftModel([
      tf.tidy(() => tf.randomNormal([300, 7], 0, 10, 'float32', 11)),
      tf.tensor1d(special),
    ]);

    for (const seed of [1, 2]) {
      const updated = [
        tf.tidy(() => tf.randomNormal([300, 7], 0, 10, 'float32', seed)),
        tf.tensor1d(special.map((v) => -v * seed)),
      ];
      const expected = tf.tidy(() => original.params.map((p, i) => tf.sub(p, updated[i]!)));

      const diff = await original.createSerializedDiff(updated);
      const tensors = tensorsFromState(decodeState(new Uint8Array(diff)));

      tensors.forEach((tensor, i) => {
        expect(tensor.shape).toEqual(expected[i]!.shape);
        expect(tensor.dataSync()).toEqual(expected[i]!.dataSync());
      });
      tf.dispose([...tensors, ...updated, ...expected]);
    }
    original.dispose();
  });
});
