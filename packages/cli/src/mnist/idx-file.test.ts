import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DatasetError } from '../errors.js';
import { parseIdx, readIdxFile } from './idx-file.js';
import { readMnist } from './mnist-dataset.js';

describe('IDX reader', () => {
  it('reads the real MNIST training set: 60000 images of 28x28 with labels 0..9', async () => {
    const train = await readMnist('train');

    expect(train.count).toBe(60000);
    expect(train.featureSize).toBe(28 * 28);
    expect(train.pixels.length).toBe(60000 * 784);
    expect(new Set(train.labels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  });

  it('reads the real MNIST test set: 10000 images, first label 7 (LeCun file order)', async () => {
    const test = await readMnist('t10k');

    expect(test.count).toBe(10000);
    expect(test.featureSize).toBe(784);
    expect(test.labels[0]).toBe(7);
    expect(Math.max(...test.pixels.subarray(0, 784))).toBe(255);
  });

  it('parses a hand-made 2x3 IDX array', () => {
    const bytes = Uint8Array.from([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6]);

    const array = parseIdx(bytes, 'tiny');

    expect(array.dims).toEqual([2, 3]);
    expect([...array.values]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses a file whose length disagrees with its header, naming both', () => {
    const bytes = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 4, 1, 2]);

    expect(() => parseIdx(bytes, 'short.idx')).toThrow(/needs 4 values, file holds 2/);
  });

  it('refuses a non-byte value type and a non-IDX header', () => {
    expect(() => parseIdx(Uint8Array.from([0, 0, 0x0d, 1, 0, 0, 0, 0]), 'f')).toThrow(/0xd/);
    expect(() => parseIdx(Uint8Array.from([80, 75, 3, 4]), 'zip')).toThrow(DatasetError);
  });

  it('reports a missing file as a DatasetError with the path', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'idx-'));
    await writeFile(join(folder, 'ok'), Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 1, 9]));

    await expect(readIdxFile(join(folder, 'missing'))).rejects.toThrow(/cannot read .*missing/);
    await expect(readIdxFile(join(folder, 'ok'))).resolves.toMatchObject({ dims: [1] });
  });
});
