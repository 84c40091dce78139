import { ShapeMismatchError } from '../errors.js';
import type { Shape } from '../shape.js';
import type { SymbolicTensor } from '../symbolic-tensor.js';
import type { GradientRule } from '../trace.js';
import { requireTensor, traceOf } from './operands.js';
import { pad, reverse, slice } from './reshape.js';
import { transpose } from './linalg.js';

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
 * 2-D convolution, NHWC input `[N,H,W,Cin]`, filter `[kh,kw,Cin,Cout]` (`tf.conv2d`).
 *
 * The gradients use `tf.conv2d` itself, because the wasm backend lacks tfjs's
 * Conv2DBackpropFilter kernel and threepio-era workers know no backprop ops: the filter
 * gradient convolves the (padded) input, batch and channels swapped, with the output gradient
 * as the filter (dilated by the stride); the input gradient, for stride 1, is the full
 * convolution of the output gradient with the flipped filter. For stride > 1 the input
 * gradient is `tf.conv2dTranspose`, which a worker then has to support
 * (docs/limitations.md, "Strided convolutions").
 * @param stride - the same stride for height and width
 */
export function conv2d(
  x: SymbolicTensor,
  filter: SymbolicTensor,
  stride = 1,
  padding: Padding = 'valid',
): SymbolicTensor {
  const command = 'tf.conv2d';
  const trace = traceOf(command, [x, filter]);
  const input = requireTensor(command, x, 0);
  const kernel = requireTensor(command, filter, 1);
  const [n = 0, h = 0, w = 0, cin = 0] = input.shape;
  const [kh = 0, kw = 0, fin = 0, cout = 0] = kernel.shape;
  if (input.rank !== 4 || kernel.rank !== 4 || cin !== fin || kh > h || kw > w || stride < 1) {
    throw new ShapeMismatchError(
      command,
      [input.shape, kernel.shape],
      'needs x [N,H,W,C] and filter [kh,kw,C,Cout] with kh ≤ H, kw ≤ W',
    );
  }
  const [oh, top, bottom] = outputSize(h, kh, stride, padding);
  const [ow, left, right] = outputSize(w, kw, stride, padding);

  const gradient: GradientRule = (g, _y, needs) => [
    needs[0]
      ? stride === 1
        ? inputGradient(g, kernel, input.shape, top, left)
        : conv2dTranspose(g, kernel, input.shape, stride, padding)
      : undefined,
    needs[1]
      ? filterGradient(input, g, kernel.shape, stride, [
          [top, bottom],
          [left, right],
        ])
      : undefined,
  ];
  return trace.record({
    command,
    args: [input, kernel, [stride, stride], padding],
    operands: [input, kernel],
    shape: [n, oh, ow, cout],
    dtype: 'float32',
    gradient,
  });
}

/**
 * dx for a stride-1 convolution: the full correlation of g with the filter flipped in space
 * and transposed in channels, cropped by the forward padding.
 */
function inputGradient(
  g: SymbolicTensor,
  filter: SymbolicTensor,
  inputShape: Shape,
  top: number,
  left: number,
): SymbolicTensor {
  const [kh = 0, kw = 0] = filter.shape;
  const flipped = transpose(reverse(filter, [0, 1]), [0, 1, 3, 2]);
  const full = pad(g, [
    [0, 0],
    [kh - 1, kh - 1],
    [kw - 1, kw - 1],
    [0, 0],
  ]);
  const padded = conv2dRecord(full, flipped, 1, 'valid');
  return slice(padded, [0, top, left, 0], inputShape);
}

/** Records a `tf.conv2d` action without a gradient rule (for use inside gradient rules). */
function conv2dRecord(
  x: SymbolicTensor,
  filter: SymbolicTensor,
  dilation: number,
  padding: Padding,
): SymbolicTensor {
  const [n = 0, h = 0, w = 0] = x.shape;
  const [kh = 0, kw = 0, , cout = 0] = filter.shape;
  const span = (k: number): number => (k - 1) * dilation + 1;
  return x.trace.record({
    command: 'tf.conv2d',
    args:
      dilation === 1
        ? [x, filter, [1, 1], padding]
        : [x, filter, [1, 1], padding, 'NHWC', [dilation, dilation]],
    operands: [x, filter],
    shape: [n, h - span(kh) + 1, w - span(kw) + 1, cout],
    dtype: 'float32',
  });
}

/** dW[kh,kw,ci,co] = Σ x[n, oh·s+kh, ow·s+kw, ci] · g[n,oh,ow,co], with supported ops only. */
function filterGradient(
  x: SymbolicTensor,
  g: SymbolicTensor,
  filterShape: Shape,
  stride: number,
  spatialPads: [[number, number], [number, number]],
): SymbolicTensor {
  const padded = pad(x, [[0, 0], ...spatialPads, [0, 0]]);
  const channelsAsBatch = transpose(padded, [3, 1, 2, 0]);
  const gradAsFilter = transpose(g, [1, 2, 0, 3]);
  const [ci = 0] = channelsAsBatch.shape;
  const [, , , co = 0] = gradAsFilter.shape;
  const correlated = conv2dRecord(channelsAsBatch, gradAsFilter, stride, 'valid');
  const [kh = 0, kw = 0] = filterShape;
  const cropped = slice(correlated, [0, 0, 0, 0], [ci, kh, kw, co]);
  return transpose(cropped, [1, 2, 0, 3]);
}

/**
 * The transpose of {@link conv2d} with respect to its input (`tf.conv2dTranspose`): maps
 * `dy [N,OH,OW,Cout]` back to `outputShape [N,H,W,Cin]`. It has no gradient rule.
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
