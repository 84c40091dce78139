import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GradientMissingError, ShapeMismatchError, TraceValueError } from './errors.js';
import { tracePlan } from './trace-plan.js';

describe('trace-time errors', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('a matMul with mismatched inner dimensions names the op and both shapes', () => {
    const trace = () =>
      tracePlan('bad', { a: [2, 3], b: [4, 5] }, (t, { a, b }) => [t.matMul(a, b)]);

    expect(trace).toThrow(ShapeMismatchError);
    expect(trace).toThrow(/tf\.matMul.*\[2,3\].*\[4,5\]/);
  });

  it('an add of shapes that do not broadcast names the op and both shapes', () => {
    const trace = () => tracePlan('bad', { a: [3, 4], b: [3] }, (t, { a, b }) => [t.add(a, b)]);

    expect(trace).toThrow(expect.objectContaining({ code: 'AUTHOR_SHAPE_MISMATCH', op: 'tf.add' }));
    expect(trace).toThrow(/\[3,4\].*\[3\]/);
  });

  it('a reshape to a different element count fails', () => {
    expect(() => tracePlan('bad', { a: [3, 4] }, (t, { a }) => [t.reshape(a, [5, -1])])).toThrow(
      /tf\.reshape.*\[3,4\]/,
    );
  });

  it('grad() through an op without a gradient rule names the op and its shapes', () => {
    const trace = () =>
      tracePlan('bad', { dy: [1, 4, 4, 2], f: [3, 3, 1, 2] }, (t, { dy, f }) => {
        const x = t.conv2dTranspose(dy, f, [1, 6, 6, 1]);
        return t.grad(t.sum(x), [dy]);
      });

    expect(trace).toThrow(GradientMissingError);
    expect(trace).toThrow(/tf\.conv2dTranspose has no gradient rule.*\[1,4,4,2\], \[3,3,1,2\]/);
  });

  it('a number returned as an output is refused, naming the output and the plan', () => {
    const trace = () => tracePlan('numbers', { a: [2] }, (t, { a }) => [t.add(a, 1), 3 as never]);

    expect(trace).toThrow(TraceValueError);
    expect(trace).toThrow(/output 1 of plan "numbers".*number 3/);
  });

  it('an eager tf.Tensor returned as an output is refused', () => {
    const eager = tf.zeros([2]);

    expect(() => tracePlan('eager', { a: [2] }, () => [eager as never])).toThrow(
      /output 0 of plan "eager".*eager tf.Tensor float32\[2\]/,
    );
  });

  it('a tensor of another trace is refused as an operand', () => {
    let leaked: unknown;
    tracePlan('first', { a: [2] }, (_t, { a }) => {
      leaked = a;
      return [a];
    });

    expect(() =>
      tracePlan('second', { b: [2] }, (t, { b }) => [t.add(b, leaked as never)]),
    ).toThrow(/tf\.add operand 1.*another trace/);
  });

  it('a function with no outputs is refused', () => {
    expect(() => tracePlan('empty', { a: [2] }, () => [])).toThrow(/no outputs/);
  });

  it('errors are SyftErrors with a stable code', () => {
    try {
      tracePlan('bad', { a: [2, 3] }, (t, { a }) => [t.matMul(a, a)]);
    } catch (error) {
      expect((error as ShapeMismatchError).code).toBe('AUTHOR_SHAPE_MISMATCH');
      expect((error as ShapeMismatchError).shapes).toEqual([
        [2, 3],
        [2, 3],
      ]);
      return;
    }
    expect.unreachable('tracing should have failed');
  });
});
