import type { OpDefinition } from './op.js';

/**
 * torch kwarg names → tfjs parameter names, shared by all ops. The wire keeps kwargs under
 * their torch names (wire-format.md §6 pitfall 4); each is placed into the op's positional
 * slot of that tfjs name.
 */
export const TORCH_KWARG_NAMES: Readonly<Record<string, string>> = {
  keepdim: 'keepDims',
  dim: 'axis',
  input: 'x',
  dtype: 'dtype',
};

/**
 * The positional slot a kwarg goes to, or `undefined` if the op has no such parameter.
 * Lookup order: the op's own parameter names, the op's `kwargAliases`, then
 * `TORCH_KWARG_NAMES`.
 */
export function kwargSlot(op: OpDefinition, kwarg: string): number | undefined {
  const candidates = [kwarg, op.kwargAliases?.[kwarg], TORCH_KWARG_NAMES[kwarg]];
  for (const name of candidates) {
    if (name === undefined) continue;
    const slot = op.params.indexOf(name);
    if (slot >= 0) return slot;
  }
  return undefined;
}
