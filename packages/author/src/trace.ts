import type { Arg, ComputationAction, Placeholder } from '@syft-ts/core';
import { randomSyftId } from './ids.js';
import type { Shape } from './shape.js';
import { SymbolicTensor, type TensorDtype } from './symbolic-tensor.js';

/** A literal argument of an action: numbers, booleans, strings and (nested) lists of them. */
export type LiteralArg = number | boolean | string | readonly LiteralArg[];

/** A positional argument of an action: a traced tensor or a literal. */
export type ActionArg = SymbolicTensor | LiteralArg;

/**
 * A gradient rule: given the gradient `g` of an op's output `y`, the gradients of its tensor
 * operands (`undefined` where `needs[i]` is false or no gradient flows). It emits ops into the
 * same trace.
 */
export type GradientRule = (
  g: SymbolicTensor,
  y: SymbolicTensor,
  needs: readonly boolean[],
) => (SymbolicTensor | undefined)[];

/** One recorded op: its action plus what reverse-mode differentiation needs. */
export interface TraceNode {
  /** The command as emitted (`tf.matMul`). */
  command: string;
  /** The operands a gradient can flow to, in the order the rule returns them. */
  operands: readonly SymbolicTensor[];
  /** The result. */
  output: SymbolicTensor;
  /** The gradient rule, absent for ops that have none. */
  gradient?: GradientRule;
}

/** What an op hands to {@link Trace.record}. */
export interface OpRecord {
  command: string;
  args: readonly ActionArg[];
  operands: readonly SymbolicTensor[];
  shape: Shape;
  dtype: TensorDtype;
  gradient?: GradientRule;
}

/**
 * The record of one traced function: its inputs, the actions in order and, per action, the
 * node that autodiff walks back through. Ids are fresh random int64 values, as PySyft's are.
 */
export class Trace {
  /** Every id used in this trace (placeholders, role and plan). */
  readonly usedIds = new Set<bigint>();
  /** The plan inputs in call order. */
  readonly inputs: SymbolicTensor[] = [];
  /** The recorded ops in execution order. */
  readonly nodes: TraceNode[] = [];
  /** The actions in execution order (one per node). */
  readonly actions: ComputationAction[] = [];

  /** Declares the next plan input. */
  input(shape: Shape, dtype: TensorDtype): SymbolicTensor {
    const tensor = new SymbolicTensor(this, randomSyftId(this.usedIds), [...shape], dtype);
    this.inputs.push(tensor);
    return tensor;
  }

  /** Appends an action and returns its symbolic result. */
  record(op: OpRecord): SymbolicTensor {
    const id = randomSyftId(this.usedIds);
    const output = new SymbolicTensor(this, id, [...op.shape], op.dtype, this.nodes.length);
    this.nodes.push({
      command: op.command,
      operands: op.operands,
      output,
      ...(op.gradient ? { gradient: op.gradient } : {}),
    });
    this.actions.push({
      command: op.command,
      args: op.args.map(toArg),
      kwargs: new Map(),
      returnIds: [],
      returnPlaceholderIds: [id],
    });
    return output;
  }

  /** One placeholder per tensor of the trace; inputs and `outputs` carry their shapes. */
  placeholders(outputs: readonly SymbolicTensor[]): Placeholder[] {
    const shaped = new Map<bigint, Shape>();
    for (const tensor of [...this.inputs, ...outputs]) shaped.set(tensor.id, tensor.shape);
    const all = [...this.inputs, ...this.nodes.map((node) => node.output)];
    return all.map((tensor) => {
      const shape = shaped.get(tensor.id);
      return {
        id: tensor.id,
        tags: [],
        description: '',
        ...(shape ? { expectedShape: [...shape] } : {}),
      };
    });
  }
}

/**
 * Encodes an action argument: tensors by placeholder id, integers as int64, other numbers as
 * float32 (rounded here, since `arg_float` is 32-bit: the plan in memory is the plan on the
 * wire), lists nested.
 */
function toArg(value: ActionArg): Arg {
  if (value instanceof SymbolicTensor) return { kind: 'placeholderId', value: value.id };
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { kind: 'int', value: BigInt(value) }
      : { kind: 'float', value: Math.fround(value) };
  }
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'string') return { kind: 'str', value };
  return { kind: 'list', value: value.map(toArg) };
}
