import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendName } from '@syft-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingBatches } from './training-batches.js';

/** Counts the bytes the active backend hands out of its storage through `readSync`. */
function countBackendReads(): { bytes: () => number; restore: () => void } {
  const backend = tf.backend();
  const original = backend.readSync.bind(backend);
  let bytes = 0;
  backend.readSync = (dataId: object) => {
    const values = original(dataId);
    bytes += ArrayBuffer.isView(values) ? values.byteLength : 0;
    return values;
  };
  return { bytes: () => bytes, restore: () => void (backend.readSync = original) };
}

let restoreReads: (() => void) | undefined;

afterEach(() => {
  restoreReads?.();
  restoreReads = undefined;
});

describe.each<BackendName>(['wasm', 'cpu'])('TrainingBatches on %s', (backend) => {
  it('cuts the same rows as tf.slice, for float32, int32 and bool tensors of any rank', async () => {
    await selectBackend(backend);
    const data = tf.tidy(() => tf.randomUniform([10, 3, 2], -1, 1, 'float32', 3));
    const labels = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 'int32');
    const mask = tf.tensor1d([1, 0, 1, 1, 0, 0, 1, 0, 1, 1], 'bool');
    const batches = new TrainingBatches(data, labels);
    const masks = new TrainingBatches(mask, labels);

    const [x, y] = batches.cut(4, 3);
    const [m] = masks.cut(7, 3);
    const expectedX = tf.slice(data, 4, 3);

    expect(x.shape).toEqual([3, 3, 2]);
    expect([x.dtype, y.dtype, m?.dtype]).toEqual(['float32', 'int32', 'bool']);
    expect(Array.from(x.dataSync())).toEqual(Array.from(expectedX.dataSync()));
    expect(Array.from(y.dataSync())).toEqual([4, 5, 6]);
    expect(Array.from(m?.dataSync() ?? [])).toEqual([0, 1, 1]);
    tf.dispose([data, labels, mask, x, y, expectedX, ...masks.cut(0, 1), m as tf.Tensor]);
  });

  it('reads the data out of the backend at most once, however many batches are cut', async () => {
    await selectBackend(backend);
    const data = tf.tidy(() => tf.randomUniform([512, 784], 0, 1, 'float32', 5));
    const target = tf.tidy(() => tf.randomUniform([512, 10], 0, 1, 'float32', 6));
    const batches = new TrainingBatches(data, target);
    const reads = countBackendReads();
    restoreReads = reads.restore;
    const fullBytes = (512 * 784 + 512 * 10) * 4;

    for (let batch = 0; batch < 4; batch++) tf.dispose(batches.cut(batch * 64, 64));
    const firstFour = reads.bytes();
    for (let batch = 4; batch < 8; batch++) tf.dispose(batches.cut(batch * 64, 64));

    expect(firstFour).toBeLessThanOrEqual(fullBytes);
    expect(reads.bytes()).toBe(firstFour);
    tf.dispose([data, target]);
  });

  it('allocates only the batch: no tensor or byte is left after the batch is freed', async () => {
    await selectBackend(backend);
    const data = tf.tidy(() => tf.randomUniform([256, 784], 0, 1, 'float32', 6));
    const target = tf.tidy(() => tf.randomUniform([256, 10], 0, 1, 'float32', 7));
    const batches = new TrainingBatches(data, target);
    const before = tf.memory();

    const [x, y] = batches.cut(128, 32);
    const during = tf.memory();
    tf.dispose([x, y]);

    expect(during.numBytes - before.numBytes).toBe(32 * (784 + 10) * 4);
    expect(tf.memory().numBytes).toBe(before.numBytes);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    tf.dispose([data, target]);
  });
});
