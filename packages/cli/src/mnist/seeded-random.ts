/** A function returning uniformly distributed numbers in [0, 1), reproducible from a seed. */
export type RandomSource = () => number;

/**
 * A small seeded pseudo-random generator (Mulberry32), so that shards and worker selection
 * are reproducible from `--seed`. Not for anything security-related.
 *
 * @param seed - any 32-bit integer
 * @returns a function yielding numbers in [0, 1)
 * @example
 * const random = seededRandom(42);
 * random(); // same value on every run
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles an array in place (Fisher-Yates) with the given random source.
 *
 * @param items - the array to shuffle; it is modified
 * @param random - the random source
 * @returns the same array, shuffled
 */
export function shuffleInPlace<T>(items: T[], random: RandomSource): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = items[i] as T;
    items[i] = items[j] as T;
    items[j] = held;
  }
  return items;
}
