import type * as tf from '@tensorflow/tfjs';

import type { ComputationAction, Role, SyftId } from '../wire/messages.js';
import { idKey } from '../wire/messages.js';
import type { ArgContext } from './arg-resolver.js';
import {
  ABSENT,
  compileArg,
  operandKey,
  placeholderResolver,
  tensorResolver,
} from './arg-resolver.js';
import { constantTensor } from './constant-tensor.js';
import type { PlanProblem } from './errors.js';
import { PlanLoadError } from './errors.js';
import { withoutDeadActions } from './dead-actions.js';
import { fuseLinearSums } from './fuse-linear.js';
import { withLifetimes } from './lifetimes.js';
import { rewriteTransposedProducts } from './transposed-product.js';
import { kwargSlot } from './ops/kwargs.js';
import type { OpDefinition } from './ops/op.js';
import { opForCommand } from './ops/table.js';
import type { ActionWithReads, Program, Resolver, ValueSource } from './program.js';

/**
 * A load-time rewrite that can be switched off (to measure it, or to compare results):
 * `linear-sums` runs `T(A·B) + T(A·C)` as one product, `transposed-products` runs `T(Xᵀ·G)` as
 * `Gᵀ·X` (docs/plans.md, "Execution model"). Reusing repeated actions and dropping unread ones
 * always happen.
 */
export type PlanRewrite = 'linear-sums' | 'transposed-products';

/** Every load-time rewrite: the default of `compilePlan`. */
export const ALL_PLAN_REWRITES: readonly PlanRewrite[] = ['linear-sums', 'transposed-products'];

/** Collects load problems; `unsupported` decides between PLAN_UNSUPPORTED and PLAN_INVALID. */
class ProblemList {
  readonly problems: PlanProblem[] = [];
  unsupported = false;

  add(problem: PlanProblem, unsupported: boolean): void {
    this.problems.push(problem);
    this.unsupported ||= unsupported;
  }
}

/**
 * Compiles a role into a register program (plan-ops.md §1), checking everything that can be
 * checked before running: every command is supported, every kwarg has a slot, every
 * placeholder read is defined earlier, every output is defined. All problems are reported
 * together in one `PlanLoadError`. `rewrites` selects the load-time rewrites (default: all).
 */
export function compileProgram(
  role: Role,
  planName: string,
  rewrites: readonly PlanRewrite[] = ALL_PLAN_REWRITES,
): Program {
  const problems = new ProblemList();
  const constants: tf.Tensor[] = [];
  const bindings = new Map<string, ValueSource>();

  bindState(role, bindings, constants, problems);
  role.inputIds.forEach((id, i) => bindings.set(idKey(id), { kind: 'register', register: i }));

  let registerCount = role.inputIds.length;
  const compiled: ActionWithReads[] = [];
  const computed = new Map<string, number>();
  role.actions.forEach((action, index) => {
    const ctx: ArgContext = {
      bindings,
      reads: [],
      constants,
      report: (reason, unsupported) =>
        problems.add({ actionIndex: index, command: action.command, reason }, unsupported),
    };
    const op = opForCommand(action.command);
    if (op === undefined) ctx.report('unsupported command', true);
    const operands = compileOperands(action, op, ctx);

    const ids = resultIds(action, op, ctx);

    // An action repeating an earlier one on the same values (the autograd trace is full of
    // them) reuses its result instead of computing it again.
    const key = op === undefined || operands === undefined ? undefined : actionKey(op, operands);
    const earlier = key === undefined ? undefined : computed.get(key);
    if (earlier !== undefined) {
      ids.forEach((id) => bindings.set(idKey(id), { kind: 'register', register: earlier }));
      return;
    }

    const results = ids.map(() => registerCount++);
    ids.forEach((id, k) =>
      bindings.set(idKey(id), { kind: 'register', register: results[k] ?? 0 }),
    );
    if (key !== undefined && results[0] !== undefined) computed.set(key, results[0]);
    if (op !== undefined && operands !== undefined) {
      compiled.push({
        action: { index, command: action.command, op, operands, results, frees: [] },
        reads: ctx.reads,
      });
    }
  });

  const outputs = role.outputIds.map((id): ValueSource | undefined => {
    const source = bindings.get(idKey(id));
    if (source === undefined) {
      problems.add({ reason: `output placeholder ${String(id)} is never defined` }, false);
    }
    return source;
  });

  if (problems.problems.length > 0) {
    constants.forEach((t) => t.dispose());
    throw new PlanLoadError(
      problems.unsupported ? 'PLAN_UNSUPPORTED' : 'PLAN_INVALID',
      planName,
      problems.problems,
    );
  }
  const sources = outputs.filter((s): s is ValueSource => s !== undefined);
  let rewritten = compiled;
  if (rewrites.includes('linear-sums')) rewritten = fuseLinearSums(rewritten, sources);
  if (rewrites.includes('transposed-products')) {
    rewritten = rewriteTransposedProducts(rewritten, sources);
  }
  return {
    registerCount,
    inputCount: role.inputIds.length,
    actions: withLifetimes(withoutDeadActions(rewritten, sources), sources, role.inputIds.length),
    outputs: sources,
    constants,
  };
}

/** Binds `role.state.placeholders[i]` to `role.state.tensors[i]`, by index. */
function bindState(
  role: Role,
  bindings: Map<string, ValueSource>,
  constants: tf.Tensor[],
  problems: ProblemList,
): void {
  const state = role.state;
  if (state === undefined) return;
  if (state.placeholders.length !== state.tensors.length) {
    const counts = `${state.placeholders.length} placeholders, ${state.tensors.length} tensors`;
    problems.add({ reason: `role state is inconsistent: ${counts}` }, false);
  }
  state.tensors.forEach((entry, i) => {
    const id = state.placeholders[i]?.id;
    const torch = entry.kind === 'tensor' ? entry.tensor : entry.parameter.tensor;
    const tensor =
      torch === undefined
        ? 'the parameter holds no tensor'
        : constantTensor(torch, `state tensor ${i}`);
    if (typeof tensor === 'string') {
      problems.add({ reason: tensor }, true);
      return;
    }
    constants.push(tensor);
    if (id !== undefined) bindings.set(idKey(id), { kind: 'fixed', tensor });
  });
}

/**
 * Operand resolvers in the op's slot order: the target (torch style) first, then the
 * positional args, then each kwarg in the slot of its tfjs name.
 */
function compileOperands(
  action: ComputationAction,
  op: OpDefinition | undefined,
  ctx: ArgContext,
): Resolver[] | undefined {
  const positional: Array<Resolver | undefined> = [];
  if (action.target !== undefined) positional.push(compileTarget(action, ctx));
  for (const arg of action.args) positional.push(compileArg(arg, ctx));
  const kwargs = [...action.kwargs].map(([name, arg]) => [name, compileArg(arg, ctx)] as const);
  if (op === undefined) return undefined;

  if (positional.length > op.params.length) {
    ctx.report(
      `takes at most ${op.params.length} operands (${op.params.join(', ')}), got ${positional.length}`,
      true,
    );
  }
  const slots: Array<Resolver | undefined> = [...positional];
  const filled = new Set(positional.map((_, i) => i));
  let complete = positional.every((r) => r !== undefined);
  for (const [name, resolver] of kwargs) {
    const slot = kwargSlot(op, name);
    if (slot === undefined) {
      ctx.report(`unknown kwarg "${name}" (${op.name} takes ${op.params.join(', ')})`, true);
    } else if (filled.has(slot)) {
      ctx.report(
        `kwarg "${name}" fills slot "${op.params[slot] ?? ''}", which is already given`,
        false,
      );
    } else {
      filled.add(slot);
      slots[slot] = resolver;
    }
    complete &&= resolver !== undefined;
  }
  if (!complete) return undefined;

  return Array.from(slots, (r) => r ?? ABSENT);
}

function compileTarget(action: ComputationAction, ctx: ArgContext): Resolver | undefined {
  const target = action.target;
  switch (target?.kind) {
    case 'id':
    case 'placeholderId':
      return placeholderResolver(target.value, ctx);
    case 'tensor':
      return tensorResolver(target.value, ctx);
    default:
      ctx.report('a remote pointer target cannot be executed', true);
      return undefined;
  }
}

/**
 * A key equal for two actions that must give the same result: same op, same operand values
 * (registers, constants, literals). `undefined` for random ops and ops with several results.
 */
function actionKey(op: OpDefinition, operands: readonly Resolver[]): string | undefined {
  if (op.random === true || op.returns === 'tensors') return undefined;
  const keys = operands.map((r) => operandKey(r));
  if (keys.some((k) => k === undefined)) return undefined;
  return `${op.name}(${keys.join(',')})`;
}

/** The ids an action's result is stored under: `returnPlaceholderIds`, else `returnIds`. */
function resultIds(
  action: ComputationAction,
  op: OpDefinition | undefined,
  ctx: ArgContext,
): SyftId[] {
  const ids =
    action.returnPlaceholderIds.length > 0 ? action.returnPlaceholderIds : action.returnIds;
  if (ids.length === 0) ctx.report('has no return id', false);
  return op?.returns === 'tensors' ? ids : ids.slice(0, 1);
}
