import { type RandomSource, shuffleInPlace } from './seeded-random.js';

/** How training examples are spread over workers. */
export type Partitioning = 'iid' | 'non-iid';

/** Shards of sorted examples each worker receives in the non-IID split (McMahan et al. 2017). */
export const SHARDS_PER_WORKER = 2;

/**
 * IID partition: the examples are shuffled and dealt out in equal parts, one per worker.
 *
 * @param exampleCount - number of examples available
 * @param workerCount - number of workers
 * @param random - the random source (seeded for reproducible runs)
 * @param examplesPerWorker - cap on each worker's share; defaults to an equal share of all
 * @returns for each worker, the indices of its examples
 */
export function partitionIid(
  exampleCount: number,
  workerCount: number,
  random: RandomSource,
  examplesPerWorker = Math.floor(exampleCount / workerCount),
): number[][] {
  const share = Math.min(examplesPerWorker, Math.floor(exampleCount / workerCount));
  const order = shuffleInPlace(
    Array.from({ length: exampleCount }, (_, i) => i),
    random,
  );
  return Array.from({ length: workerCount }, (_, w) => order.slice(w * share, (w + 1) * share));
}

/**
 * Pathological non-IID partition of "Communication-Efficient Learning of Deep Networks from
 * Decentralized Data" (McMahan et al., AISTATS 2017, section 3): the examples are sorted by
 * label, cut into two shards per worker, and each worker receives two shards at random, so
 * most workers see only two digits.
 *
 * One refinement: when there are at least as many shards as labels, shards are cut inside each
 * label (shard counts proportional to the label's frequency), so no shard mixes two labels and
 * every worker sees at most two. With fewer shards than labels the sorted list is cut into
 * equal shards, as in the paper.
 *
 * @param labels - label of each example
 * @param workerCount - number of workers
 * @param random - the random source (seeded for reproducible runs)
 * @param examplesPerWorker - cap on each worker's share, taken at random from its two shards
 * @returns for each worker, the indices of its examples in shuffled order
 */
export function partitionByLabel(
  labels: ArrayLike<number>,
  workerCount: number,
  random: RandomSource,
  examplesPerWorker = Number.POSITIVE_INFINITY,
): number[][] {
  const shardCount = workerCount * SHARDS_PER_WORKER;
  const byLabel = groupByLabel(labels);
  const shards =
    shardCount >= byLabel.length
      ? cutWithinLabels(byLabel, shardCount)
      : cutEqually(byLabel.flat(), shardCount);

  const shardOrder = shuffleInPlace(
    Array.from({ length: shardCount }, (_, i) => i),
    random,
  );
  return Array.from({ length: workerCount }, (_, w) => {
    const own = shardOrder
      .slice(w * SHARDS_PER_WORKER, (w + 1) * SHARDS_PER_WORKER)
      .flatMap((s) => shards[s] ?? []);
    return shuffleInPlace(own, random).slice(0, examplesPerWorker);
  });
}

/** Indices of the examples of each label present, labels in ascending order. */
function groupByLabel(labels: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] ?? 0;
    const group = groups.get(label) ?? [];
    group.push(i);
    groups.set(label, group);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}

/** Cuts a list into `shardCount` contiguous parts of (nearly) equal size. */
function cutEqually(items: readonly number[], shardCount: number): number[][] {
  return Array.from({ length: shardCount }, (_, s) =>
    items.slice(
      Math.floor((s * items.length) / shardCount),
      Math.floor(((s + 1) * items.length) / shardCount),
    ),
  );
}

/**
 * Gives each label at least one shard and shares the rest in proportion to the label's
 * frequency (largest remainder), then cuts each label's examples into its shards.
 */
function cutWithinLabels(byLabel: readonly number[][], shardCount: number): number[][] {
  const total = byLabel.reduce((sum, group) => sum + group.length, 0);
  const spare = shardCount - byLabel.length;
  const ideal = byLabel.map((group) => (spare * group.length) / total);
  const counts = ideal.map((share) => 1 + Math.floor(share));

  let left = shardCount - counts.reduce((sum, n) => sum + n, 0);
  const byRemainder = ideal
    .map((share, label) => ({ label, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { label } of byRemainder) {
    if (left === 0) break;
    counts[label] = (counts[label] ?? 1) + 1;
    left--;
  }

  return byLabel.flatMap((group, label) => cutEqually(group, counts[label] ?? 1));
}
