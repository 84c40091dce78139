import { SyftError } from '@syft-ts/core';

/**
 * Raised at trace time when two operands of an op have incompatible static shapes, or an op
 * gets a shape it cannot work on. The message names the op and every shape involved.
 */
export class ShapeMismatchError extends SyftError {
  /** The op whose shape check failed, as emitted (for example `tf.matMul`). */
  readonly op: string;
  /** The operand shapes the op received. */
  readonly shapes: readonly (readonly number[])[];

  /**
   * @param op - the op being traced
   * @param shapes - the operand shapes it received
   * @param reason - what was expected, in words
   */
  constructor(op: string, shapes: readonly (readonly number[])[], reason: string) {
    super(
      'AUTHOR_SHAPE_MISMATCH',
      `${op}: ${reason} (got shapes ${shapes.map(formatShape).join(', ')})`,
    );
    this.op = op;
    this.shapes = shapes;
  }
}

/**
 * Raised by `grad()` when a tensor on the path from the parameters to the loss was produced by
 * an op that has no gradient rule.
 */
export class GradientMissingError extends SyftError {
  /** The op without a gradient rule. */
  readonly op: string;

  /**
   * @param op - the op without a gradient rule
   * @param shapes - the shapes of its operands
   */
  constructor(op: string, shapes: readonly (readonly number[])[]) {
    super(
      'AUTHOR_NO_GRADIENT',
      `${op} has no gradient rule, but grad() needs one through it ` +
        `(operand shapes ${shapes.map(formatShape).join(', ')})`,
    );
    this.op = op;
  }
}

/**
 * Raised when a traced function returns or receives something that is not a symbolic tensor of
 * the same trace (a number, a tensor of another trace, an eager `tf.Tensor`, ...).
 */
export class TraceValueError extends SyftError {
  /**
   * @param where - which value was wrong (for example `output 2 of plan "training_plan"`)
   * @param found - a short description of what arrived
   */
  constructor(where: string, found: string) {
    super(
      'AUTHOR_NOT_A_TENSOR',
      `${where}: expected a symbolic tensor of this trace, got ${found}`,
    );
  }
}

/** Formats a shape the way error messages print it: `[64,784]`, `[]` for a scalar. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(',')}]`;
}

/** Describes an arbitrary value briefly for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'object' && 'shape' in value && 'dtype' in value && 'dataSync' in value) {
    const { shape, dtype } = value as { shape: number[]; dtype: string };
    return `an eager tf.Tensor ${dtype}${formatShape(shape)} (use a plan input instead)`;
  }
  if (typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'Object';
    return `an object of type ${name}`;
  }
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'bigint') return `bigint ${value.toString()}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
