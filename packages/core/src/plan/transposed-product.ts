import * as tf from '@tensorflow/tfjs';

import { ABSENT, operandKey, operandRegister, registerResolver } from './arg-resolver.js';
import type { OpDefinition } from './ops/op.js';
import { tensorOnly } from './ops/operand.js';
import type { ActionWithReads, ValueSource } from './program.js';
import { registerUses } from './register-uses.js';

/**
 * `T(Xᵀ·G)` becomes `Gᵀ·X` and `T(G·Xᵀ)` becomes `X·Gᵀ`: the same matrix, but only the
 * (small) G is transposed instead of X and the (large) product. Autodiff of a dense layer
 * `x·Wᵀ + b` computes the weight gradient as `T(xᵀ·G)`; for the first MNIST layer that
 * transposes a [784,392] product where G is [64,392].
 *
 * A plain `transpose` (no perm) is rewritten when it reads a `matMul` with no flags whose
 * result nobody else reads and that is not an output, and one operand of that matMul is a
 * plain `transpose(X)`. The rewritten action reads X and G; the matMul and `transpose(X)` are
 * left for `withoutDeadActions`, which drops them unless something else reads them. At run
 * time the rewritten op checks that X and G are matrices, and otherwise computes as written.
 */
export function rewriteTransposedProducts(
  actions: readonly ActionWithReads[],
  outputs: readonly ValueSource[],
): ActionWithReads[] {
  const { producer, uses } = registerUses(actions, outputs);

  return actions.map((entry) => {
    const product = plainTransposeOf(entry);
    if (product === undefined || uses.get(product) !== 1) return entry;
    const factors = plainProductOf(product, actions, producer);
    if (factors === undefined) return entry;
    const [left, right] = factors;

    // Prefer the left factor: T(Xᵀ·G) is the weight gradient of a dense layer `x·Wᵀ`.
    const leftSource = transposeSource(left, actions, producer);
    const rightSource =
      leftSource === undefined ? transposeSource(right, actions, producer) : undefined;
    if (leftSource === undefined && rightSource === undefined) return entry;
    const sourceOnLeft = leftSource !== undefined;
    const source = leftSource ?? rightSource ?? 0;
    const other = sourceOnLeft ? right : left;

    return {
      action: {
        ...entry.action,
        op: transposedProduct(sourceOnLeft),
        operands: [source, other].map(registerResolver),
      },
      reads: [source, other],
    };
  });
}

/** X when `register` holds a plain `transpose(X)` (no perm) of a register X. */
export function transposeSource(
  register: number,
  actions: readonly ActionWithReads[],
  producer: ReadonlyMap<number, number>,
): number | undefined {
  const position = producer.get(register);
  const entry = position === undefined ? undefined : actions[position];
  return entry === undefined ? undefined : plainTransposeOf(entry);
}

/** The register a plain one-result `transpose` action reads, if that is what `entry` is. */
function plainTransposeOf(entry: ActionWithReads): number | undefined {
  const { action } = entry;
  if (action.op.name !== 'transpose' || action.results.length !== 1) return undefined;
  const [first, ...rest] = action.operands;
  if (first === undefined || !rest.every((r) => r === ABSENT)) return undefined;
  return operandRegister(first);
}

/** `[a, b]` when `register` is the result of `matMul(a, b)` with no transpose flags. */
function plainProductOf(
  register: number,
  actions: readonly ActionWithReads[],
  producer: ReadonlyMap<number, number>,
): [number, number] | undefined {
  const position = producer.get(register);
  const action = position === undefined ? undefined : actions[position]?.action;
  if (action?.op.name !== 'matMul' || action.results.length !== 1) return undefined;
  const [a, b, ...flags] = action.operands;
  const left = a === undefined ? undefined : operandRegister(a);
  const right = b === undefined ? undefined : operandRegister(b);
  if (left === undefined || right === undefined) return undefined;
  // An explicit `false` is no flag either; anything else (true, a register) is.
  if (!flags.every((f) => f === ABSENT || operandKey(f) === 'b0')) return undefined;
  return [left, right];
}

/**
 * The rewritten op, operands `[X, G]`: `Gᵀ·X` for `T(Xᵀ·G)` (source on the left), `X·Gᵀ` for
 * `T(G·Xᵀ)`. Tensors of another rank run as written: transpose, product, transpose.
 */
function transposedProduct(sourceOnLeft: boolean): OpDefinition {
  return {
    name: 'transpose',
    params: ['source', 'other'],
    composite: true,
    run: (args) => {
      const source = tensorOnly(args[0], 'source');
      const other = tensorOnly(args[1], 'other');
      if (source.rank === 2 && other.rank === 2) {
        const otherT = tf.transpose(other);
        return sourceOnLeft ? tf.matMul(otherT, source) : tf.matMul(source, otherT);
      }
      const sourceT = tf.transpose(source);
      return tf.transpose(sourceOnLeft ? tf.matMul(sourceT, other) : tf.matMul(other, sourceT));
    },
  };
}
