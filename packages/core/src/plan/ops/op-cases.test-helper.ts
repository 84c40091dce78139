import * as tf from '@tensorflow/tfjs';

import type { Operand } from '../plan-builder.test-helper.js';

/** One op checked against eager tfjs: a one-action plan reading inputs `a`, `b`, `c`. */
export interface OpCase {
  /** Test name: the op name, plus the variant in parentheses. */
  name: string;
  /** The op-table entry this case covers. */
  op: string;
  /** The command on the wire (default `tf.<op>`). */
  command?: string;
  inputs: () => tf.Tensor[];
  args: Operand[];
  kwargs?: Record<string, Operand>;
  /** Number of results for ops returning several tensors. */
  outs?: number;
  eager: (...xs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

const x23 = (): tf.Tensor =>
  tf.tensor2d([
    [-1.5, 0.25, 2],
    [3.5, -0.75, 0.5],
  ]);
const pos23 = (): tf.Tensor =>
  tf.tensor2d([
    [0.5, 1.25, 2],
    [3.5, 0.75, 4],
  ]);
const unit23 = (): tf.Tensor =>
  tf.tensor2d([
    [-0.9, -0.3, 0],
    [0.2, 0.6, 0.95],
  ]);
const y23 = (): tf.Tensor =>
  tf.tensor2d([
    [2, -1, 0.5],
    [1.5, 3, -2],
  ]);
const weird = (): tf.Tensor => tf.tensor1d([1, Infinity, NaN, -Infinity, 0]);
const complex = (): tf.Tensor => tf.complex([1, 2, 3], [0.5, -1, 2]);

function unary(op: string, make: () => tf.Tensor = x23): OpCase {
  const fn = (tf as unknown as Record<string, (x: tf.Tensor) => tf.Tensor>)[op];
  if (fn === undefined) throw new Error(`no tf.${op}`);
  return { name: op, op, inputs: () => [make()], args: ['a'], eager: (a) => fn(a) };
}

function binary(op: string): OpCase {
  const fn = (tf as unknown as Record<string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor>)[op];
  if (fn === undefined) throw new Error(`no tf.${op}`);
  return {
    name: op,
    op,
    inputs: () => [x23(), y23()],
    args: ['a', 'b'],
    eager: (a, b) => fn(a, b),
  };
}

/** One case per supported op (plus variants), each compared with eager tfjs. */
export const OP_CASES: OpCase[] = [
  // Elementwise, one operand.
  unary('abs'),
  unary('acos', unit23),
  unary('asin', unit23),
  unary('atan'),
  {
    name: 'atan (atan2 form)',
    op: 'atan',
    inputs: () => [x23(), y23()],
    args: ['a', 'b'],
    eager: (a, b) => tf.atan2(a, b),
  },
  unary('ceil'),
  unary('cos'),
  unary('cosh'),
  unary('erf'),
  unary('exp'),
  unary('floor'),
  unary('log', pos23),
  unary('neg'),
  unary('reciprocal', pos23),
  unary('round'),
  unary('rsqrt', pos23),
  unary('sigmoid'),
  unary('sign'),
  unary('sin'),
  unary('sinh'),
  unary('sqrt', pos23),
  unary('tan', unit23),
  unary('tanh'),
  unary('isFinite', weird),
  unary('isInf', weird),
  unary('isNaN', weird),
  unary('real', complex),
  unary('imag', complex),
  // Activations.
  unary('relu'),
  unary('elu'),
  unary('selu'),
  unary('softplus'),
  unary('logSigmoid'),
  {
    name: 'prelu',
    op: 'prelu',
    inputs: () => [x23(), tf.scalar(0.2)],
    args: ['a', 'b'],
    eager: (a, b) => tf.prelu(a, b),
  },
  {
    name: 'softmax',
    op: 'softmax',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { dim: -1 },
    eager: (a) => tf.softmax(a),
  },
  {
    name: 'softmax (dim 0)',
    op: 'softmax',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { dim: 0 },
    eager: (a) => tf.transpose(tf.softmax(tf.transpose(a))),
  },
  {
    name: 'dropout',
    op: 'dropout',
    inputs: () => [pos23()],
    args: ['a', { float: 0.5 }, [2, 3], 42],
    eager: (a) => tf.dropout(a, 0.5, [2, 3], 42),
  },
  {
    name: 'dropout (training false)',
    op: 'dropout',
    inputs: () => [pos23()],
    args: ['a'],
    kwargs: { p: { float: 0.5 }, training: false },
    eager: (a) => a.clone(),
  },
  // Elementwise, two operands.
  binary('add'),
  binary('sub'),
  binary('mul'),
  binary('div'),
  {
    name: 'div (literal first operand)',
    op: 'div',
    inputs: () => [pos23()],
    args: [1, 'a'],
    eager: (a) => tf.div(1, a),
  },
  {
    name: 'mul (bool operand)',
    op: 'mul',
    inputs: () => [tf.greater(x23(), 0), y23()],
    args: ['a', 'b'],
    eager: (a, b) => tf.mul(a, b),
  },
  {
    name: 'pow',
    op: 'pow',
    inputs: () => [pos23()],
    args: ['a'],
    kwargs: { exponent: 2 },
    eager: (a) => tf.pow(a, 2),
  },
  binary('equal'),
  binary('greater'),
  {
    name: 'dot',
    op: 'dot',
    inputs: () => [tf.tensor1d([1, 2, 3]), tf.tensor1d([4, -5, 6])],
    args: ['a', 'b'],
    eager: (a, b) => tf.dot(a, b),
  },
  // Reductions.
  {
    name: 'sum',
    op: 'sum',
    inputs: () => [x23()],
    args: ['a', 1],
    kwargs: { keepdim: true },
    eager: (a) => tf.sum(a, 1, true),
  },
  {
    name: 'sum (bool)',
    op: 'sum',
    inputs: () => [tf.equal(x23(), y23())],
    args: ['a'],
    eager: (a) => tf.sum(a),
  },
  {
    name: 'mean',
    op: 'mean',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { dim: 0 },
    eager: (a) => tf.mean(a, 0),
  },
  {
    name: 'prod',
    op: 'prod',
    inputs: () => [x23()],
    args: ['a', [1]],
    eager: (a) => tf.prod(a, [1]),
  },
  { name: 'max', op: 'max', inputs: () => [x23()], args: ['a'], eager: (a) => tf.max(a) },
  {
    name: 'max (two tensors)',
    op: 'max',
    inputs: () => [x23(), y23()],
    args: ['a', 'b'],
    eager: (a, b) => tf.maximum(a, b),
  },
  {
    name: 'min',
    op: 'min',
    inputs: () => [x23()],
    args: ['a', 1],
    kwargs: { keepdim: true },
    eager: (a) => tf.min(a, 1, true),
  },
  {
    name: 'all',
    op: 'all',
    inputs: () => [
      tf.tensor2d(
        [
          [true, false],
          [true, true],
        ],
        undefined,
        'bool',
      ),
    ],
    args: ['a', 1],
    eager: (a) => tf.all(a, 1),
  },
  {
    name: 'any',
    op: 'any',
    inputs: () => [
      tf.tensor2d(
        [
          [true, false],
          [false, false],
        ],
        undefined,
        'bool',
      ),
    ],
    args: ['a', 1],
    eager: (a) => tf.any(a, 1),
  },
  {
    name: 'argMax',
    op: 'argMax',
    inputs: () => [x23()],
    args: ['a', 1],
    eager: (a) => tf.argMax(a, 1),
  },
  {
    name: 'argMin',
    op: 'argMin',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { dim: 0 },
    eager: (a) => tf.argMin(a, 0),
  },
  {
    name: 'logSumExp',
    op: 'logSumExp',
    inputs: () => [x23()],
    args: ['a', 1],
    kwargs: { keepdim: true },
    eager: (a) => tf.logSumExp(a, 1, true),
  },
  {
    name: 'norm',
    op: 'norm',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { p: 2, dim: 1 },
    eager: (a) => tf.norm(a, 2, 1),
  },
  // Linear algebra.
  {
    name: 'matMul',
    op: 'matMul',
    inputs: () => [x23(), tf.transpose(y23())],
    args: ['a', 'b'],
    eager: (a, b) => tf.matMul(a, b),
  },
  {
    name: 'transpose',
    op: 'transpose',
    inputs: () => [x23()],
    args: ['a'],
    eager: (a) => tf.transpose(a),
  },
  {
    name: 'transpose (torch dim0, dim1)',
    op: 'transpose',
    inputs: () => [tf.range(0, 24).reshape([2, 3, 4])],
    args: ['a', 0, 2],
    eager: (a) => tf.transpose(a, [2, 1, 0]),
  },
  {
    name: 'qr',
    op: 'qr',
    command: 'tf.linalg.qr',
    inputs: () => [
      tf.tensor2d([
        [2, 1],
        [1, 3],
        [0, 1],
      ]),
    ],
    args: ['a'],
    outs: 2,
    eager: (a) => tf.linalg.qr(a),
  },
  // Shape and indexing.
  {
    name: 'reshape',
    op: 'reshape',
    command: 'tf.layers.reshape',
    inputs: () => [x23()],
    args: ['a', [-1, 1]],
    eager: (a) => tf.reshape(a, [-1, 1]),
  },
  {
    name: 'reshape (bare command)',
    op: 'reshape',
    command: 'reshape',
    inputs: () => [x23()],
    args: ['a', [3, 2]],
    eager: (a) => tf.reshape(a, [3, 2]),
  },
  {
    name: 'flatten',
    op: 'flatten',
    command: 'tf.util.flatten',
    inputs: () => [x23()],
    args: ['a'],
    eager: (a) => tf.reshape(a, [-1]),
  },
  {
    name: 'flatten (start_dim)',
    op: 'flatten',
    command: 'flatten',
    inputs: () => [tf.range(0, 24).reshape([2, 3, 4])],
    args: ['a'],
    kwargs: { start_dim: 1 },
    eager: (a) => tf.reshape(a, [2, 12]),
  },
  {
    name: 'squeeze',
    op: 'squeeze',
    inputs: () => [tf.ones([1, 3, 1])],
    args: ['a', 0],
    eager: (a) => tf.squeeze(a, [0]),
  },
  {
    name: 'stack',
    op: 'stack',
    inputs: () => [x23(), y23()],
    args: [['a', 'b'], 1],
    eager: (a, b) => tf.stack([a, b], 1),
  },
  {
    name: 'split',
    op: 'split',
    inputs: () => [tf.range(0, 12).reshape([2, 6])],
    args: ['a', 3, 1],
    outs: 3,
    eager: (a) => tf.split(a, 3, 1),
  },
  {
    name: 'gather',
    op: 'gather',
    inputs: () => [x23(), tf.tensor1d([2, 0], 'int32')],
    args: ['a', 'b', 1],
    eager: (a, b) => tf.gather(a, b, 1),
  },
  {
    name: 'take',
    op: 'take',
    inputs: () => [x23(), tf.tensor1d([5, 0, 3], 'int32')],
    args: ['a', 'b'],
    eager: (a, b) => tf.gather(tf.reshape(a, [-1]), b),
  },
  {
    name: 'pad',
    op: 'pad',
    inputs: () => [x23()],
    args: [
      'a',
      [
        [1, 0],
        [0, 2],
      ],
      { float: 9 },
    ],
    eager: (a) =>
      tf.pad(
        a,
        [
          [1, 0],
          [0, 2],
        ],
        9,
      ),
  },
  {
    name: 'pad (torch flat list)',
    op: 'pad',
    inputs: () => [x23()],
    args: ['a', [0, 2, 1, 0]],
    eager: (a) =>
      tf.pad(a, [
        [1, 0],
        [0, 2],
      ]),
  },
  {
    name: 'cumsum',
    op: 'cumsum',
    command: 'tf.cumsum',
    inputs: () => [x23()],
    args: ['a'],
    kwargs: { dim: 1 },
    eager: (a) => tf.cumsum(a, 1),
  },
  {
    name: 'where',
    op: 'where',
    inputs: () => [
      tf.tensor2d([
        [true, false, true],
        [false, true, false],
      ]),
      x23(),
      y23(),
    ],
    args: ['a', 'b', 'c'],
    eager: (c, a, b) => tf.where(c, a, b),
  },
  {
    name: 'topk',
    op: 'topk',
    inputs: () => [x23()],
    args: ['a', 2],
    outs: 2,
    eager: (a) => {
      const { values, indices } = tf.topk(a, 2);
      return [values, indices];
    },
  },
  // Creation.
  {
    name: 'ones',
    op: 'ones',
    command: 'tf.initializers.ones',
    inputs: () => [],
    args: [[2, 3]],
    eager: () => tf.ones([2, 3]),
  },
  {
    name: 'zeros',
    op: 'zeros',
    command: 'tf.zeros',
    inputs: () => [],
    args: [[3]],
    kwargs: { dtype: { str: 'int32' } },
    eager: () => tf.zeros([3], 'int32'),
  },
  { name: 'eye', op: 'eye', inputs: () => [], args: [3, 2], eager: () => tf.eye(3, 2) },
  {
    name: 'linspace',
    op: 'linspace',
    inputs: () => [],
    args: [0, 1, 5],
    eager: () => tf.linspace(0, 1, 5),
  },
  { name: 'range', op: 'range', inputs: () => [], args: [1, 7, 2], eager: () => tf.range(1, 7, 2) },
  {
    name: 'tensor',
    op: 'tensor',
    inputs: () => [],
    args: [
      [
        [1, 2],
        [3, 4],
      ],
    ],
    eager: () =>
      tf.tensor([
        [1, 2],
        [3, 4],
      ]),
  },
  // Type and copy.
  {
    name: 'cast',
    op: 'cast',
    inputs: () => [x23()],
    args: ['a', { str: 'int32' }],
    eager: (a) => tf.cast(a, 'int32'),
  },
  {
    name: 'clone',
    op: 'clone',
    command: 'clone',
    inputs: () => [x23()],
    args: ['a'],
    eager: (a) => tf.clone(a),
  },
  // Spectral.
  {
    name: 'fft',
    op: 'fft',
    command: 'tf.spectral.fft',
    inputs: () => [complex()],
    args: ['a'],
    eager: (a) => tf.spectral.fft(a),
  },
  {
    name: 'ifft',
    op: 'ifft',
    command: 'tf.spectral.ifft',
    inputs: () => [complex()],
    args: ['a'],
    eager: (a) => tf.spectral.ifft(a),
  },
  {
    name: 'rfft',
    op: 'rfft',
    command: 'tf.spectral.rfft',
    inputs: () => [tf.tensor1d([1, -2, 3, 0.5])],
    args: ['a'],
    eager: (a) => tf.spectral.rfft(a),
  },
  {
    name: 'irfft',
    op: 'irfft',
    command: 'tf.spectral.irfft',
    inputs: () => [complex()],
    args: ['a'],
    eager: (a) => tf.spectral.irfft(a),
  },
  {
    name: 'stft',
    op: 'stft',
    command: 'tf.signal.stft',
    inputs: () => [tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 8])],
    args: ['a', 4, 2],
    eager: (a) => tf.signal.stft(a as tf.Tensor1D, 4, 2),
  },
];
