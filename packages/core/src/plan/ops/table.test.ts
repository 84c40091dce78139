import { describe, expect, it } from 'vitest';

import { opForCommand } from './table.js';

describe('opForCommand', () => {
  it.each([
    ['tf.layers.reshape', 'reshape'],
    ['reshape', 'reshape'],
    ['tf.initializers.ones', 'ones'],
    ['tf.ones', 'ones'],
    ['tf.initializers.zeros', 'zeros'],
    ['tf.util.flatten', 'flatten'],
    ['flatten', 'flatten'],
    ['tf.squeeze', 'squeeze'],
    ['squeeze', 'squeeze'],
    ['tf.cumsum', 'cumsum'],
    ['cumsum', 'cumsum'],
    ['clone', 'clone'],
    ['tf.spectral.rfft', 'rfft'],
    ['tf.signal.stft', 'stft'],
    ['tf.linalg.qr', 'qr'],
  ])('runs %s as %s', (command, op) => {
    expect(opForCommand(command)?.name).toBe(op);
  });

  it.each([
    'tf.conv2d',
    'tf.grad',
    'tf.layers.embedding',
    'tf.initializers.identity',
    'tf.MatMul',
    '',
  ])('refuses %j', (command) => {
    expect(opForCommand(command)).toBeUndefined();
  });
});
