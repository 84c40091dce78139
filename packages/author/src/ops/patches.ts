import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { Trace } from '../trace.js';
import { cast, equal } from './comparison.js';
import { literalTensor } from './creation.js';
import { matMul, transpose } from './linalg.js';
import { reshape } from './reshape.js';

/**
 * The 0/1 matrix `[size, count·kernel]` that picks, for output position o and kernel offset
 * k, input row `o·stride + k`: `equal(rows, picks)` of two small int32 literals.
 */
function selection(
  trace: Trace,
  size: number,
  count: number,
  kernel: number,
  stride: number,
): SymbolicTensor {
  const rows = Array.from({ length: size }, (_, i) => i);
  const picks = Array.from(
    { length: count * kernel },
    (_, j) => Math.floor(j / kernel) * stride + (j % kernel),
  );
  const column = literalTensor(trace, rows, [size, 1], 'int32');
  const row = literalTensor(trace, picks, [1, picks.length], 'int32');
  return cast(equal(column, row), 'float32');
}

/**
 * im2col with matrix products only: the `kh × kw` patches of `x [N,H,W,C]` at `stride`, as
 * rows of `[N·OH·OW, kh·kw·C]` (offsets in kh, kw, C order, like a flattened tfjs filter).
 *
 * Gathering rows is a product with a constant 0/1 selection matrix, so the gradient is the
 * product with its transpose: no gather or scatter gradient, no backprop kernel, only
 * `matMul`, `transpose` and `reshape`, which every worker runs on every backend.
 */
export function extractPatches(
  x: SymbolicTensor,
  kh: number,
  kw: number,
  stride: number,
  oh: number,
  ow: number,
): SymbolicTensor {
  const [n = 0, h = 0, w = 0, c = 0] = x.shape;
  const pickRows = selection(x.trace, h, oh, kh, stride);
  const pickCols = selection(x.trace, w, ow, kw, stride);

  // Rows: move H last, [N·W·C, H] × [H, OH·kh].
  const byRow = matMul(reshape(transpose(x, [0, 2, 3, 1]), [n * w * c, h]), pickRows);
  const rowsPicked = reshape(byRow, [n, w, c, oh * kh]);

  // Columns: move W last, [N·C·OH·kh, W] × [W, OW·kw].
  const byCol = matMul(
    reshape(transpose(rowsPicked, [0, 2, 3, 1]), [n * c * oh * kh, w]),
    pickCols,
  );
  const grid = reshape(byCol, [n, c, oh, kh, ow, kw]);

  return reshape(transpose(grid, [0, 2, 4, 3, 5, 1]), [n * oh * ow, kh * kw * c]);
}
