/**
 * A short fingerprint of a model's bytes: two 32-bit FNV-1a hashes with different offset
 * bases, as 16 hex digits. A saved checkpoint remembers the digest of the grid model it
 * started from, so that after a reload it is only resumed on that same model. It detects
 * change, not tampering, and (unlike `crypto.subtle`) needs no secure context.
 *
 * @param bytes - the model's serialized State
 * @returns 16 hex digits
 */
export function modelDigest(bytes: Uint8Array): string {
  const FNV_PRIME = 0x01000193;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (const byte of bytes) {
    a = Math.imul(a ^ byte, FNV_PRIME);
    b = Math.imul(b ^ byte, FNV_PRIME);
  }
  const hex = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}`;
}
