import type { Plan, Role } from '@syft-ts/core';
import { TraceValueError, describeValue } from './errors.js';
import { grad } from './gradient.js';
import { randomSyftId } from './ids.js';
import * as ops from './ops/index.js';
import type { Shape } from './shape.js';
import { SymbolicTensor, type TensorDtype } from './symbolic-tensor.js';
import { Trace } from './trace.js';

/** One declared plan input: a float32 shape, or a shape with a dtype. */
export type TensorDecl = Shape | { readonly shape: Shape; readonly dtype: TensorDtype };

/**
 * The inputs of a traced plan, by name, in call order (object key order). A list of shapes
 * declares a group of inputs (such as the model parameters), flattened in place.
 */
export type InputSpec = Readonly<Record<string, TensorDecl | readonly Shape[]>>;

/** One symbolic tensor per shape of a list (a tuple of shapes gives a tuple of tensors). */
export type SymbolicGroup<L> = { readonly [I in keyof L]: SymbolicTensor };

/** The symbolic tensors a traced function receives for an {@link InputSpec}. */
export type SymbolicInputs<S extends InputSpec> = {
  readonly [K in keyof S]: S[K] extends readonly (readonly number[])[]
    ? SymbolicGroup<S[K]>
    : SymbolicTensor;
};

/** The op namespace handed to a traced function: every op plus `grad`. */
export type TraceOps = typeof ops & { readonly grad: typeof grad };

/** The ops available inside a traced function (also importable one by one). */
export const traceOps: TraceOps = { ...ops, grad };

/**
 * Traces `fn` over symbolic tensors into a tfjs-role {@link Plan}: each op the function calls
 * becomes one `ComputationAction` with positional arguments, and `t.grad` appends the
 * backward pass. Shapes are checked as the function runs.
 *
 * @example
 * const plan = tracePlan('double', { x: [2, 2] }, (t, { x }) => [t.mul(x, 2)]);
 * @param name - the plan name (`Plan.name`)
 * @param spec - the inputs in call order
 * @param fn - the function; returns the outputs in order (one tensor or an array)
 * @throws ShapeMismatchError, GradientMissingError, TraceValueError at trace time
 */
export function tracePlan<const S extends InputSpec>(
  name: string,
  spec: S,
  fn: (t: TraceOps, inputs: SymbolicInputs<S>) => SymbolicTensor | readonly SymbolicTensor[],
): Plan {
  const trace = new Trace();
  const inputs = declareInputs(trace, spec);
  const returned = fn(traceOps, inputs as SymbolicInputs<S>);
  const outputs = checkOutputs(name, trace, Array.isArray(returned) ? returned : [returned]);

  const role: Role = {
    id: randomSyftId(trace.usedIds),
    actions: trace.actions,
    state: { placeholders: [], tensors: [] },
    placeholders: trace.placeholders(outputs),
    inputIds: trace.inputs.map((t) => t.id),
    outputIds: outputs.map((t) => t.id),
    tags: [],
    description: '',
  };
  return {
    id: randomSyftId(trace.usedIds),
    role,
    includeState: false,
    name,
    tags: [],
    description: '',
    baseFramework: 'tfjs',
    roles: new Map([['tfjs', role]]),
  };
}

function declareInputs(trace: Trace, spec: InputSpec): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [key, decl] of Object.entries(spec)) {
    if (isShapeList(decl)) inputs[key] = decl.map((shape) => trace.input(shape, 'float32'));
    else if (isShape(decl)) inputs[key] = trace.input(decl, 'float32');
    else inputs[key] = trace.input(decl.shape, decl.dtype);
  }
  return inputs;
}

function isShape(decl: unknown): decl is Shape {
  return Array.isArray(decl) && decl.every((dim) => typeof dim === 'number');
}

function isShapeList(decl: unknown): decl is readonly Shape[] {
  return Array.isArray(decl) && decl.length > 0 && decl.every(isShape);
}

function checkOutputs(name: string, trace: Trace, values: readonly unknown[]): SymbolicTensor[] {
  if (values.length === 0) throw new TraceValueError(`plan "${name}"`, 'no outputs');
  return values.map((value, i) => {
    if (value instanceof SymbolicTensor && value.trace === trace) return value;
    const found =
      value instanceof SymbolicTensor ? 'a tensor of another trace' : describeValue(value);
    throw new TraceValueError(`output ${i} of plan "${name}"`, found);
  });
}
