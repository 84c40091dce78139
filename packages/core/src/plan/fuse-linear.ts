import * as tf from '@tensorflow/tfjs';

import { ABSENT, operandKey, operandRegister, registerResolver } from './arg-resolver.js';
import type { OpDefinition } from './ops/op.js';
import { optionalBool, tensorOnly } from './ops/operand.js';
import type { ActionWithReads, ValueSource } from './program.js';
import { registerUses } from './register-uses.js';
import { transposeSource } from './transposed-product.js';

/** `matMul(a, b)` followed by some transposes (and clones). */
interface LinearChain {
  a: number;
  b: number;
  flagKeys: string;
  /** No transposeA/transposeB flag given. */
  plainFlags: boolean;
  transposes: number;
  /** Positions (in the action list) of the matMul and of every transpose/clone after it. */
  positions: number[];
}

/**
 * Sums of two products with a common factor, `T(A·B) + T(A·C)`, become `T(A·(B + C))`: one
 * matrix product instead of two. PySyft's autograd traces accumulate the two gradient
 * contributions of a weight this way (plan-ops.md §2.4, actions 45-47 + 73-74 → 78).
 *
 * Only chains whose intermediates are read once (by the chain) and are not outputs are
 * rewritten; at run time the merged op checks that B and C have the same shape and dtype and
 * otherwise computes the two products as written.
 */
export function fuseLinearSums(
  actions: readonly ActionWithReads[],
  outputs: readonly ValueSource[],
): ActionWithReads[] {
  const { producer, uses } = registerUses(actions, outputs);

  const removed = new Set<number>();
  const replaced = new Map<number, ActionWithReads>();
  actions.forEach(({ action }, position) => {
    if (action.op.name !== 'add' || action.operands.length !== 2) return;
    const [p, q] = action.operands.map((r) => operandRegister(r));
    if (p === undefined || q === undefined || p === q) return;
    const left = linearChain(p, actions, producer, uses);
    const right = linearChain(q, actions, producer, uses);
    if (left === undefined || right === undefined) return;
    const compatible =
      left.flagKeys === right.flagKeys &&
      left.transposes === right.transposes &&
      [...left.positions, ...right.positions].every((i) => !removed.has(i));
    const sharedOnLeft = left.a === right.a;
    if (!compatible || (!sharedOnLeft && left.b !== right.b)) return;
    const [shared, b, c] = sharedOnLeft ? [left.a, left.b, right.b] : [left.b, left.a, right.a];

    [...left.positions, ...right.positions].forEach((i) => removed.add(i));

    // T(Xᵀ·S) is Sᵀ·X: read X itself and skip transposing the (large) product back.
    const source =
      left.transposes === 1 && left.plainFlags
        ? transposeSource(shared, actions, producer)
        : undefined;
    if (source !== undefined) {
      replaced.set(position, {
        action: {
          ...action,
          op: mergedTransposedProduct(sharedOnLeft),
          operands: [source, b, c].map(registerResolver),
        },
        reads: [source, b, c],
      });
      return;
    }
    const matMul = actions[left.positions[0] ?? 0]?.action;
    const operands = [shared, b, c].map(registerResolver);
    operands.push(matMul?.operands[2] ?? ABSENT, matMul?.operands[3] ?? ABSENT);
    replaced.set(position, {
      action: { ...action, op: mergedProduct(sharedOnLeft, left.transposes), operands },
      reads: [shared, b, c],
    });
  });

  return actions.flatMap((entry, position) =>
    removed.has(position) ? [] : [replaced.get(position) ?? entry],
  );
}

/** Follows `register` back through clones and plain transposes to a `matMul`, if it is one. */
function linearChain(
  register: number,
  actions: readonly ActionWithReads[],
  producer: ReadonlyMap<number, number>,
  uses: ReadonlyMap<number, number>,
): LinearChain | undefined {
  const positions: number[] = [];
  let transposes = 0;
  let current = register;
  for (;;) {
    const position = producer.get(current);
    if (position === undefined || uses.get(current) !== 1) return undefined;
    const action = actions[position]?.action;
    if (action === undefined || action.results.length !== 1) return undefined;
    positions.unshift(position);
    const [first, ...rest] = action.operands;
    const input = first === undefined ? undefined : operandRegister(first);
    const name = action.op.name;
    const unary = rest.every((r) => r === ABSENT);
    if ((name === 'clone' || name === 'transpose') && unary && input !== undefined) {
      if (name === 'transpose') transposes += 1;
      current = input;
      continue;
    }
    if (name !== 'matMul') return undefined;
    const second = action.operands[1];
    const right = second === undefined ? undefined : operandRegister(second);
    const flags = action.operands.slice(2);
    // Flags must be literals: a flag read from a register would escape the lifetime analysis.
    if (input === undefined || right === undefined) return undefined;
    if (flags.some((f) => operandRegister(f) !== undefined)) return undefined;
    const flagKeys = flags.map((f) => operandKey(f) ?? '?').join(',');
    const plainFlags = flags.every((f) => f === ABSENT);
    return { a: input, b: right, flagKeys, plainFlags, transposes, positions };
  }
}

/** The merged op: operands `[shared, b, c, transposeA, transposeB]`. */
function mergedProduct(sharedOnLeft: boolean, transposes: number): OpDefinition {
  const product = (shared: tf.Tensor, own: tf.Tensor, ta?: boolean, tb?: boolean): tf.Tensor => {
    let result = sharedOnLeft ? tf.matMul(shared, own, ta, tb) : tf.matMul(own, shared, ta, tb);
    for (let i = 0; i < transposes; i += 1) result = tf.transpose(result);
    return result;
  };
  return {
    name: 'add',
    params: ['shared', 'b', 'c', 'transposeA', 'transposeB'],
    composite: true,
    run: (args) => {
      const shared = tensorOnly(args[0], 'shared');
      const [b, c] = [tensorOnly(args[1], 'b'), tensorOnly(args[2], 'c')];
      const [ta, tb] = [optionalBool(args[3], 'transposeA'), optionalBool(args[4], 'transposeB')];
      const sameShape = b.dtype === c.dtype && tf.util.arraysEqual(b.shape, c.shape);
      if (sameShape) return product(shared, tf.add(b, c), ta, tb);
      return tf.add(product(shared, b, ta, tb), product(shared, c, ta, tb));
    },
  };
}

/**
 * The merged op for `T(Xᵀ·B) + T(Xᵀ·C)` (or `T(B·Xᵀ) + T(C·Xᵀ)`), operands `[X, B, C]`: for
 * matrices it is `(B + C)ᵀ·X` (or `X·(B + C)ᵀ`), with no transpose of the product.
 */
function mergedTransposedProduct(sharedOnLeft: boolean): OpDefinition {
  const product = (source: tf.Tensor, own: tf.Tensor): tf.Tensor => {
    if (source.rank === 2 && own.rank === 2) {
      const ownT = tf.transpose(own);
      return sharedOnLeft ? tf.matMul(ownT, source) : tf.matMul(source, ownT);
    }
    const shared = tf.transpose(source);
    return tf.transpose(sharedOnLeft ? tf.matMul(shared, own) : tf.matMul(own, shared));
  };
  return {
    name: 'add',
    params: ['source', 'b', 'c'],
    composite: true,
    run: (args) => {
      const source = tensorOnly(args[0], 'source');
      const [b, c] = [tensorOnly(args[1], 'b'), tensorOnly(args[2], 'c')];
      const sameShape = b.dtype === c.dtype && tf.util.arraysEqual(b.shape, c.shape);
      if (sameShape) return product(source, tf.add(b, c));
      return tf.add(product(source, b), product(source, c));
    },
  };
}
