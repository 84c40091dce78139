/**
 * Every traceable op, as one namespace. Inside `tracePlan` it is the `t` argument (together
 * with `grad`); the same functions are exported one by one from the package.
 */
export { add, sub, mul, div } from './arithmetic.js';
export {
  neg,
  exp,
  log,
  sqrt,
  square,
  pow,
  abs,
  sign,
  step,
  sigmoid,
  tanh,
  relu,
  onesLike,
  zerosLike,
  identity,
} from './unary.js';
export { sum, mean, max, logSumExp, type Axes } from './reductions.js';
export { matMul, transpose } from './linalg.js';
export { reshape, flatten, pad, slice, reverse } from './reshape.js';
export { broadcastTo } from './broadcast.js';
export { softmax, logSoftmax } from './softmax.js';
export { equal, greater, argMax, cast } from './comparison.js';
export { conv2d, conv2dTranspose, type Padding } from './conv.js';
export { maxPool, avgPool } from './pooling.js';
export { softmaxCrossEntropy, meanSquaredError } from './losses.js';
