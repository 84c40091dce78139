/**
 * PySyft draws object ids as random integers below 10^11; syft.js reads them through
 * protobufjs, which turns int64 into a JS number when the `long` package is absent. Staying
 * below 2^53 keeps every id exact for such readers.
 */
const ID_LIMIT = 100_000_000_000n;

/**
 * A fresh random int64 id in PySyft's range (1 .. 10^11), distinct from every id in `used`
 * (which it joins). Uses Web Crypto, so it works in Node and in browsers.
 */
export function randomSyftId(used?: Set<bigint>): bigint {
  const words = new BigUint64Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(words);
    const id = ((words[0] ?? 0n) % (ID_LIMIT - 1n)) + 1n;
    if (!used || !used.has(id)) {
      used?.add(id);
      return id;
    }
  }
}
