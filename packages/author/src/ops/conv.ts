import { ShapeMismatchError } from '../errors.js';
import type { Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import { requireTensor, traceOf } from './operands.js';
import { matMul } from './linalg.js';
import { extractPatches } from './patches.js';
import { pad, reshape } from './reshape.js';

/** Convolution padding, as tfjs names it. */
export type Padding = 'valid' | 'same';

/** Output size and leading padding of one spatial dimension, by tfjs's rules. */
function outputSize(
  size: number,
  kernel: number,
  stride: number,
  padding: Padding,
): [number, number, number] {
  if (padding === 'valid') return [Math.floor((size - kernel) / stride) + 1, 0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [out, before, total - before];
}

/**
 * 2-D convolution, NHWC input `[N,H,W,Cin]`, filter `[kh,kw,Cin,Cout]` (tfjs layout).
 *
 * Emitted as im2col: the patches are gathered with constant 0/1 selection matrices and
 * multiplied by the flattened filter (`tf.matMul`), after an explicit `tf.pad` for 'same'.
 * So a convolution plan uses only ops that every worker runs on every backend (the core
 * interpreter has no `tf.conv2d`; wasm has no Conv2DBackpropFilter), and its gradients are
 * those of `matMul`, `transpose`, `reshape` and `pad` (its cost: docs/limitations.md, "Plan
 * authoring").
 * @param stride - the same stride for height and width
 * @param padding - 'valid' or 'same', as tfjs computes them
 */
export function conv2d(
  x: SymbolicTensor,
  filter: SymbolicTensor,
  stride = 1,
  padding: Padding = 'valid',
): SymbolicTensor {
  const command = 'conv2d';
  traceOf(command, [x, filter]);
  const input = requireTensor(command, x, 0);
  const kernel = requireTensor(command, filter, 1);
  const [n = 0, h = 0, w = 0, cin = 0] = input.shape;
  const [kh = 0, kw = 0, fin = 0, cout = 0] = kernel.shape;
  const fits = padding === 'same' || (kh <= h && kw <= w);
  if (
    input.rank !== 4 ||
    kernel.rank !== 4 ||
    cin !== fin ||
    !fits ||
    !Number.isInteger(stride) ||
    stride < 1
  ) {
    throw new ShapeMismatchError(
      command,
      [input.shape, kernel.shape],
      'needs x [N,H,W,C] and filter [kh,kw,C,Cout] with kh ≤ H, kw ≤ W and an integer stride ≥ 1',
    );
  }
  const [oh, top, bottom] = outputSize(h, kh, stride, padding);
  const [ow, left, right] = outputSize(w, kw, stride, padding);

  const padded = pad(input, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]);
  const patches = extractPatches(padded, kh, kw, stride, oh, ow);
  const product = matMul(patches, reshape(kernel, [kh * kw * cin, cout]));
  return reshape(product, [n, oh, ow, cout]);
}

/**
 * The transpose of {@link conv2d} with respect to its input (`tf.conv2dTranspose`): maps
 * `dy [N,OH,OW,Cout]` back to `outputShape [N,H,W,Cin]`. It has no gradient rule, and it is
 * not in the core interpreter's op table (syft.js runs it).
 */
export function conv2dTranspose(
  dy: SymbolicTensor,
  filter: SymbolicTensor,
  outputShape: Shape,
  stride = 1,
  padding: Padding = 'valid',
): SymbolicTensor {
  const command = 'tf.conv2dTranspose';
  const trace = traceOf(command, [dy, filter]);
  const [, , , cout = 0] = filter.shape;
  if (dy.rank !== 4 || filter.rank !== 4 || outputShape.length !== 4 || dy.shape[3] !== cout) {
    throw new ShapeMismatchError(
      command,
      [dy.shape, filter.shape, outputShape],
      'needs dy [N,OH,OW,Cout] and filter [kh,kw,Cin,Cout]',
    );
  }
  return trace.record({
    command,
    args: [dy, filter, [...outputShape], [stride, stride], padding],
    operands: [dy, filter],
    shape: outputShape,
    dtype: 'float32',
  });
}
