import { describe, expect, it } from 'vitest';

import { readMnist } from './mnist-dataset.js';
import { partitionByLabel, partitionIid } from './partition.js';
import { seededRandom } from './seeded-random.js';

const distinctLabels = (labels: Uint8Array, indices: number[]): number =>
  new Set(indices.map((i) => labels[i])).size;

describe('IID partition', () => {
  it('gives each worker an equal, disjoint share', () => {
    const shards = partitionIid(60000, 10, seededRandom(1));

    expect(shards.map((s) => s.length)).toEqual(Array(10).fill(6000));
    expect(new Set(shards.flat()).size).toBe(60000);
  });

  it('caps the share and is reproducible from the seed', () => {
    const first = partitionIid(1000, 4, seededRandom(7), 50);
    const again = partitionIid(1000, 4, seededRandom(7), 50);
    const other = partitionIid(1000, 4, seededRandom(8), 50);

    expect(first.map((s) => s.length)).toEqual([50, 50, 50, 50]);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('gives every worker nearly all ten digits on real MNIST', async () => {
    const { labels } = await readMnist('train');

    const shards = partitionIid(labels.length, 100, seededRandom(3));

    expect(shards.every((s) => distinctLabels(labels, s) === 10)).toBe(true);
  });
});

describe('non-IID partition (two label shards per worker, McMahan et al. 2017)', () => {
  it('100 workers of real MNIST: each sees at most 2 digits, all examples used once', async () => {
    const { labels } = await readMnist('train');

    const shards = partitionByLabel(labels, 100, seededRandom(5));

    expect(shards.every((s) => distinctLabels(labels, s) <= 2)).toBe(true);
    expect(shards.filter((s) => distinctLabels(labels, s) === 2).length).toBeGreaterThan(80);
    expect(new Set(shards.flat()).size).toBe(60000);
    expect(shards.every((s) => s.length > 450 && s.length < 750)).toBe(true);
  });

  it('10 workers: at most 2 digits each, and every digit is held by someone', async () => {
    const { labels } = await readMnist('train');

    const shards = partitionByLabel(labels, 10, seededRandom(9));

    expect(shards.every((s) => distinctLabels(labels, s) <= 2)).toBe(true);
    expect(new Set(shards.flat().map((i) => labels[i])).size).toBe(10);
  });

  it('with fewer shards than labels it cuts the sorted list equally, as the paper', () => {
    const labels = Uint8Array.from({ length: 100 }, (_, i) => i % 10);

    const shards = partitionByLabel(labels, 2, seededRandom(1));

    expect(shards.map((s) => s.length)).toEqual([50, 50]);
    expect(shards.every((s) => distinctLabels(labels, s) <= 6)).toBe(true);
  });

  it('applies the per-worker cap', async () => {
    const { labels } = await readMnist('train');

    const shards = partitionByLabel(labels, 10, seededRandom(2), 300);

    expect(shards.every((s) => s.length === 300)).toBe(true);
    expect(shards.every((s) => distinctLabels(labels, s) <= 2)).toBe(true);
  });
});
