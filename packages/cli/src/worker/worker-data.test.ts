import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { mnistDataFolder } from '../mnist/mnist-dataset.js';
import { readWorkerData } from './worker-data.js';

const image = (value: number): number[] => Array(784).fill(value);

describe('worker data folder', () => {
  it('reads IDX files, preferring the train- pair when several are present', async () => {
    const examples = await readWorkerData(mnistDataFolder());

    expect(examples.count).toBe(60000);
    expect(examples.featureSize).toBe(784);
  });

  it('reads a single renamed IDX pair', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'worker-data-'));
    await copyFile(
      join(mnistDataFolder(), 't10k-images-idx3-ubyte'),
      join(folder, 'images-idx3-ubyte'),
    );
    await copyFile(
      join(mnistDataFolder(), 't10k-labels-idx1-ubyte'),
      join(folder, 'labels-idx1-ubyte'),
    );

    const examples = await readWorkerData(folder);

    expect(examples.count).toBe(10000);
  });

  it('reads examples.json', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'worker-data-'));
    await writeFile(
      join(folder, 'examples.json'),
      JSON.stringify({ images: [image(0), image(255)], labels: [3, 9] }),
    );

    const examples = await readWorkerData(folder);

    expect(examples.count).toBe(2);
    expect([...examples.labels]).toEqual([3, 9]);
    expect(examples.pixels[784]).toBe(255);
  });

  it('names the problem in a bad examples.json', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'worker-data-'));
    await writeFile(
      join(folder, 'examples.json'),
      JSON.stringify({ images: [image(0), image(300)], labels: [1, 2] }),
    );
    const other = await mkdtemp(join(tmpdir(), 'worker-data-'));
    await writeFile(
      join(other, 'examples.json'),
      JSON.stringify({ images: [image(0)], labels: [12] }),
    );

    await expect(readWorkerData(folder)).rejects.toThrow(
      /image 1 pixel 0 must be an integer 0..255, got 300/,
    );
    await expect(readWorkerData(other)).rejects.toThrow(/label 12; expected 0..9/);
  });

  it('says what a folder without data needs', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'worker-data-'));

    await expect(readWorkerData(folder)).rejects.toThrow(
      /needs one file ending 'images-idx3-ubyte'/,
    );
    await expect(readWorkerData(join(folder, 'nope'))).rejects.toThrow(/cannot read data folder/);
  });
});
