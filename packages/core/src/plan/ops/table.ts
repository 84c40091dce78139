import { ACTIVATION_OPS } from './activations.js';
import { BINARY_OPS } from './binary.js';
import { CONVERSION_OPS } from './conversion.js';
import { CREATION_OPS } from './creation.js';
import { LINALG_OPS } from './linalg.js';
import type { OpDefinition, OpGroup } from './op.js';
import { REDUCTION_OPS } from './reductions.js';
import { SHAPE_OPS } from './shape.js';
import { SPECTRAL_OPS } from './spectral.js';
import { UNARY_OPS } from './unary.js';

/** The op groups in documentation order, with the heading each is listed under. */
export const OP_GROUPS: ReadonlyArray<{ title: string; ops: OpGroup }> = [
  { title: 'Elementwise, one operand', ops: UNARY_OPS },
  { title: 'Activations', ops: ACTIVATION_OPS },
  { title: 'Elementwise, two operands', ops: BINARY_OPS },
  { title: 'Reductions', ops: REDUCTION_OPS },
  { title: 'Linear algebra', ops: LINALG_OPS },
  { title: 'Shape and indexing', ops: SHAPE_OPS },
  { title: 'Creation', ops: CREATION_OPS },
  { title: 'Type and copy', ops: CONVERSION_OPS },
  { title: 'Spectral', ops: SPECTRAL_OPS },
];

/** Every supported op by its name (the last dot-component of a command string). */
export const OP_TABLE: ReadonlyMap<string, OpDefinition> = new Map(
  OP_GROUPS.flatMap((g) => g.ops.map((op) => [op.name, op] as const)),
);

/**
 * The op a command string runs, or `undefined` if unsupported. Only the last dot-component
 * counts, so both threepio spellings work: `tf.layers.reshape`/`reshape`,
 * `tf.initializers.ones`/`tf.ones`, `tf.util.flatten`/`flatten`, `tf.spectral.fft`, `clone`.
 */
export function opForCommand(command: string): OpDefinition | undefined {
  const name = command.slice(command.lastIndexOf('.') + 1);
  return OP_TABLE.get(name);
}

/** The names of all supported ops, sorted. */
export function supportedOpNames(): string[] {
  return [...OP_TABLE.keys()].sort();
}
