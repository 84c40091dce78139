import * as tf from '@tensorflow/tfjs';

import { SyftError } from '../../errors.js';
import type { PlanValue } from './op.js';

/**
 * An operand of an action has the wrong kind (for example a string where a tensor is
 * expected). Code `PLAN_OPERAND`; the interpreter wraps it in a `PlanExecutionError`.
 */
export class PlanOperandError extends SyftError {
  /**
   * @param param - the tfjs parameter name
   * @param expected - what the op needs
   * @param value - what arrived
   */
  constructor(param: string, expected: string, value: PlanValue) {
    super('PLAN_OPERAND', `operand "${param}" must be ${expected}, got ${describe(value)}`);
  }
}

/** A short description of an operand for error messages. */
export function describe(value: PlanValue): string {
  if (value instanceof tf.Tensor)
    return `a ${value.dtype} tensor of shape [${value.shape.join(', ')}]`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}

/** A tensor or a literal that tfjs turns into one (number, boolean, nested number list). */
export function tensorOperand(value: PlanValue, param: string): tf.Tensor | tf.TensorLike {
  if (value instanceof tf.Tensor) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && isNumberTree(value)) return value as tf.TensorLike;
  throw new PlanOperandError(param, 'a tensor or a number', value);
}

/** Like `tensorOperand`, but always a `tf.Tensor` (literals become float32/bool tensors). */
export function tensorValue(value: PlanValue, param: string): tf.Tensor {
  const operand = tensorOperand(value, param);
  return operand instanceof tf.Tensor ? operand : tf.tensor(operand);
}

/** A list of tensors (`tf.stack`'s first operand). */
export function tensorList(value: PlanValue, param: string): tf.Tensor[] {
  if (!Array.isArray(value)) throw new PlanOperandError(param, 'a list of tensors', value);
  return (value as readonly PlanValue[]).map((v, i) => tensorValue(v, `${param}[${i}]`));
}

/** An integer literal (a 0-d or 1-element tensor is read too). */
export function intValue(value: PlanValue, param: string): number {
  const n = numberValue(value, param);
  if (!Number.isInteger(n)) throw new PlanOperandError(param, 'an integer', value);
  return n;
}

/** A number literal (a 0-d or 1-element tensor is read too). */
export function numberValue(value: PlanValue, param: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof tf.Tensor && value.size === 1) return value.dataSync()[0] ?? NaN;
  throw new PlanOperandError(param, 'a number', value);
}

/** An optional number: `undefined`/`null` stay `undefined`. */
export function optionalNumber(value: PlanValue, param: string): number | undefined {
  return value === undefined || value === null ? undefined : numberValue(value, param);
}

/** An optional integer: `undefined`/`null` stay `undefined`. */
export function optionalInt(value: PlanValue, param: string): number | undefined {
  return value === undefined || value === null ? undefined : intValue(value, param);
}

/** An optional boolean (numbers 0/1 accepted). */
export function optionalBool(value: PlanValue, param: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  throw new PlanOperandError(param, 'a boolean', value);
}

/** A list of integers (a shape, a permutation); a single integer becomes a 1-list. */
export function intList(value: PlanValue, param: string): number[] {
  if (Array.isArray(value)) {
    return (value as readonly PlanValue[]).map((v, i) => intValue(v, `${param}[${i}]`));
  }
  if (value instanceof tf.Tensor && value.rank === 1) return Array.from(value.dataSync());
  return [intValue(value, param)];
}

/** An optional axis: one integer or a list of integers. */
export function optionalAxis(value: PlanValue, param: string): number | number[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return intList(value, param);
  return intValue(value, param);
}

/** A string literal. */
export function stringValue(value: PlanValue, param: string): string {
  if (typeof value !== 'string') throw new PlanOperandError(param, 'a string', value);
  return value;
}

function isNumberTree(value: readonly PlanValue[]): boolean {
  return value.every(
    (v) => typeof v === 'number' || (Array.isArray(v) && isNumberTree(v as readonly PlanValue[])),
  );
}

/** A tensor operand that must already be a tensor (ops that read its rank or shape). */
export function tensorOnly(value: PlanValue, param: string): tf.Tensor {
  if (value instanceof tf.Tensor) return value;
  throw new PlanOperandError(param, 'a tensor', value);
}
