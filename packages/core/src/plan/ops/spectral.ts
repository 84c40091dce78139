import * as tf from '@tensorflow/tfjs';

import type { OpDefinition, OpGroup, PlanValue } from './op.js';
import { intValue, optionalInt, tensorOnly, tensorValue } from './operand.js';

/** A complex64 tensor; a real one gets a zero imaginary part. */
function complexTensor(value: PlanValue, param: string): tf.Tensor {
  const t = tensorValue(value, param);
  if (t.dtype === 'complex64') return t;
  const re = t.dtype === 'float32' ? t : tf.cast(t, 'float32');
  return tf.complex(re, tf.zerosLike(re));
}

function complexTransform(name: string, fn: (x: tf.Tensor) => tf.Tensor): OpDefinition {
  return {
    name,
    params: ['input'],
    composite: true,
    run: (a) => fn(complexTensor(a[0], 'input')),
  };
}

/** Spectral ops (`tf.spectral.*`, `tf.signal.stft`), innermost-dimension transforms as in tfjs. */
export const SPECTRAL_OPS: OpGroup = [
  complexTransform('fft', tf.spectral.fft),
  complexTransform('ifft', tf.spectral.ifft),
  complexTransform('irfft', tf.spectral.irfft),
  {
    name: 'rfft',
    params: ['input', 'fftLength'],
    run: (a) => tf.spectral.rfft(tensorOnly(a[0], 'input'), optionalInt(a[1], 'fftLength')),
  },
  {
    name: 'stft',
    params: ['signal', 'frameLength', 'frameStep', 'fftLength'],
    kwargAliases: { n_fft: 'frameLength', hop_length: 'frameStep' },
    run: (a) =>
      tf.signal.stft(
        tensorOnly(a[0], 'signal') as tf.Tensor1D,
        intValue(a[1], 'frameLength'),
        intValue(a[2], 'frameStep'),
        optionalInt(a[3], 'fftLength'),
      ),
  },
];
