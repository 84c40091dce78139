import { ShapeMismatchError } from '../errors.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor } from './operands.js';
import { max, mean } from './reductions.js';
import { reshape, slice } from './reshape.js';

/**
 * Cuts `x [N,H,W,C]` into non-overlapping `size × size` windows: `[N,H/s,s,W/s,s,C]`. Rows and
 * columns that do not fill a window are dropped, as 'valid' pooling does.
 */
function windows(command: string, x: SymbolicTensor, size: number): SymbolicTensor {
  const tensor = requireTensor(command, x, 0);
  const [n = 0, h = 0, w = 0, c = 0] = tensor.shape;
  if (tensor.rank !== 4 || !Number.isInteger(size) || size < 1 || size > h || size > w) {
    throw new ShapeMismatchError(
      command,
      [tensor.shape],
      `needs x [N,H,W,C] with H, W ≥ window ${size}`,
    );
  }
  const oh = Math.floor(h / size);
  const ow = Math.floor(w / size);
  const cropped = slice(tensor, [0, 0, 0, 0], [n, oh * size, ow * size, c]);
  return reshape(cropped, [n, oh, size, ow, size, c]);
}

/**
 * Max pooling with a `size × size` window and stride `size`, 'valid' padding. Built from
 * reshape and `tf.max`, whose gradient every backend runs (tfjs's MaxPoolGrad is not a public
 * op, so a plan cannot call it). Non-overlapping windows only (docs/limitations.md, "Plan
 * authoring").
 */
export function maxPool(x: SymbolicTensor, size = 2): SymbolicTensor {
  return max(windows('maxPool', x, size), [2, 4]);
}

/** Average pooling with a `size × size` window and stride `size`, 'valid' padding. */
export function avgPool(x: SymbolicTensor, size = 2): SymbolicTensor {
  return mean(windows('avgPool', x, size), [2, 4]);
}
