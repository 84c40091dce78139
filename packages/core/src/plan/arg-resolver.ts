import type * as tf from '@tensorflow/tfjs';

import type { Arg, SyftId, TorchTensor } from '../wire/messages.js';
import { idKey } from '../wire/messages.js';
import { constantTensor } from './constant-tensor.js';
import type { PlanValue } from './ops/op.js';
import type { Resolver, ValueSource } from './program.js';

/** What resolving the args of one action needs and collects. */
export interface ArgContext {
  /** Current source of every defined placeholder, by `idKey`. */
  readonly bindings: ReadonlyMap<string, ValueSource>;
  /** Registers this action reads (for lifetimes). */
  readonly reads: number[];
  /** Tensors created for inline constants (owned by the plan). */
  readonly constants: tf.Tensor[];
  /** Records a load problem of this action. */
  report(reason: string, unsupported: boolean): void;
}

/**
 * A structural key per resolver (register number, constant tensor id, literal JSON), so that
 * actions computing the same op on the same values can be recognised at load.
 */
const KEYS = new WeakMap<Resolver, string>();

function keyed(resolver: Resolver, key: string): Resolver {
  KEYS.set(resolver, key);
  return resolver;
}

/** The resolver of a slot no argument fills. */
export const ABSENT: Resolver = keyed(() => undefined, '_');

/** The register a resolver reads, for resolvers that read exactly one register. */
const REGISTERS = new WeakMap<Resolver, number>();

/** A resolver reading one register (also used for rewritten actions). */
export function registerResolver(register: number): Resolver {
  const resolver = keyed((registers) => registers[register], `r${register}`);
  REGISTERS.set(resolver, register);
  return resolver;
}

/** The register an operand reads, or `undefined` for literals, constants and lists. */
export function operandRegister(resolver: Resolver): number | undefined {
  return REGISTERS.get(resolver);
}

/** The structural key of an operand resolver, or `undefined` if it has none. */
export function operandKey(resolver: Resolver): string | undefined {
  return KEYS.get(resolver);
}

/** A resolver reading a placeholder id's current value, or `undefined` (reported) if unknown. */
export function placeholderResolver(id: SyftId | undefined, ctx: ArgContext): Resolver | undefined {
  if (id === undefined) {
    ctx.report('a placeholder reference has no id', false);
    return undefined;
  }
  const source = ctx.bindings.get(idKey(id));
  if (source === undefined) {
    ctx.report(`reads placeholder ${String(id)}, which is not defined before this action`, false);
    return undefined;
  }
  if (source.kind === 'fixed') {
    const tensor = source.tensor;
    return keyed(() => tensor, `t${tensor.id}`);
  }
  const register = source.register;
  ctx.reads.push(register);
  return registerResolver(register);
}

/** A resolver for an inline constant tensor, created once at load. */
export function tensorResolver(
  torch: TorchTensor | undefined,
  ctx: ArgContext,
): Resolver | undefined {
  const tensor =
    torch === undefined ? 'the parameter holds no tensor' : constantTensor(torch, 'inline tensor');
  if (typeof tensor === 'string') {
    ctx.report(tensor, true);
    return undefined;
  }
  ctx.constants.push(tensor);
  return keyed(() => tensor, `t${tensor.id}`);
}

/**
 * Compiles one `Arg` into a resolver (plan-ops.md §1 step 5): placeholder ids are scope
 * lookups, int64 becomes a JS number, lists resolve recursively, `none` is `null`.
 * Returns `undefined` after reporting when the arg cannot be used.
 */
export function compileArg(arg: Arg, ctx: ArgContext): Resolver | undefined {
  switch (arg.kind) {
    case 'placeholderId':
      return placeholderResolver(arg.value, ctx);
    case 'placeholder':
      return placeholderResolver(arg.value.id, ctx);
    case 'int':
      return intResolver(arg.value, ctx);
    case 'float':
    case 'bool':
    case 'str':
      return constant(arg.value);
    case 'shape':
      return constant([...arg.value]);
    case 'none':
      return constant(null);
    case 'tensor':
      return tensorResolver(arg.value, ctx);
    case 'param':
      return tensorResolver(arg.value.tensor, ctx);
    case 'list':
      return listResolver(arg.value, ctx);
    case 'pointer':
      ctx.report('a remote pointer argument cannot be executed', true);
      return undefined;
  }
}

/** The values of resolvers that return a literal, so literal lists can be built once. */
const LITERALS = new WeakMap<Resolver, PlanValue>();

function constant(value: PlanValue): Resolver {
  const resolver: Resolver = () => value;
  LITERALS.set(resolver, value);
  return keyed(resolver, literalKey(value));
}

function intResolver(value: bigint, ctx: ArgContext): Resolver | undefined {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    ctx.report(`integer literal ${value} is outside the exact range of a JS number`, true);
    return undefined;
  }
  return constant(Number(value));
}

function listResolver(args: readonly Arg[], ctx: ArgContext): Resolver | undefined {
  const items = args.map((a) => compileArg(a, ctx));
  const resolved: Resolver[] = [];
  for (const item of items) {
    if (item === undefined) return undefined;
    resolved.push(item);
  }

  // A list of literals (a shape, an axis list) is built once, not on every execution.
  if (resolved.every((r) => LITERALS.has(r))) return constant(resolved.map((r) => LITERALS.get(r)));
  const resolver: Resolver = (registers) => resolved.map((r) => r(registers));
  const keys = resolved.map((r) => operandKey(r));
  if (keys.some((k) => k === undefined)) return resolver;
  return keyed(resolver, `[${keys.join(',')}]`);
}

/** A key telling literals apart exactly (NaN, -0 and null included). */
function literalKey(value: PlanValue): string {
  if (typeof value === 'number') return Object.is(value, -0) ? 'n-0' : `n${value}`;
  if (typeof value === 'string') return `s${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return value ? 'b1' : 'b0';
  if (value === null) return 'z';
  if (value === undefined) return 'u';
  if (Array.isArray(value)) return `[${(value as readonly PlanValue[]).map(literalKey).join(',')}]`;
  return `t${(value as tf.Tensor).id}`;
}
