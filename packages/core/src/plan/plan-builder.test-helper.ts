import type {
  Arg,
  ComputationAction,
  Placeholder,
  Plan,
  Role,
  State,
  SyftId,
} from '../wire/messages.js';

/** An operand in the test DSL: a placeholder name, an int, a float, a bool, a list, or a literal string. */
export type Operand = string | number | boolean | Operand[] | { str: string } | { float: number };

/** One action in the test DSL. */
export interface ActionSpec {
  out: string | string[];
  shape?: number[];
  command: string;
  args: Operand[];
  kwargs?: Record<string, Operand>;
  target?: string;
}

/** Builds plans from a compact listing, assigning bigint ids to placeholder names. */
export class PlanBuilder {
  readonly ids = new Map<string, bigint>();
  readonly shapes = new Map<string, number[] | undefined>();
  #next = 91_000_000_000n;

  id(name: string): bigint {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.#next;
      this.#next += 7919n;
      this.ids.set(name, id);
    }
    return id;
  }

  arg(operand: Operand): Arg {
    if (typeof operand === 'string') return { kind: 'placeholderId', value: this.id(operand) };
    if (typeof operand === 'number') return { kind: 'int', value: BigInt(operand) };
    if (typeof operand === 'boolean') return { kind: 'bool', value: operand };
    if (Array.isArray(operand)) return { kind: 'list', value: operand.map((o) => this.arg(o)) };
    if ('str' in operand) return { kind: 'str', value: operand.str };
    return { kind: 'float', value: operand.float };
  }

  action(spec: ActionSpec): ComputationAction {
    const outs = Array.isArray(spec.out) ? spec.out : [spec.out];
    outs.forEach((o) => {
      if (!this.shapes.has(o) || spec.shape !== undefined) this.shapes.set(o, spec.shape);
    });
    const args = spec.args.map((a) => this.arg(a));
    const kwargs = new Map(
      Object.entries(spec.kwargs ?? {}).map(([k, v]) => [k, this.arg(v)] as const),
    );
    return {
      command: spec.command,
      ...(spec.target === undefined
        ? {}
        : { target: { kind: 'placeholderId', value: this.id(spec.target) } }),
      args,
      kwargs,
      returnIds: [],
      returnPlaceholderIds: outs.map((o) => this.id(o)),
    };
  }

  /** A plan whose role runs `actions` on `inputs` (name → expected shape) and returns `outputs`. */
  plan(
    name: string,
    inputs: Array<[string, number[] | undefined]>,
    actions: ActionSpec[],
    outputs: string[],
    state?: { names: string[]; values: Array<{ shape: number[]; values: number[] }> },
  ): Plan {
    inputs.forEach(([n, shape]) => {
      this.id(n);
      this.shapes.set(n, shape);
    });
    const compiled = actions.map((a) => this.action(a));
    const placeholders: Placeholder[] = [...this.shapes].map(([n, shape]) => ({
      id: this.id(n),
      tags: [],
      description: '',
      ...(shape === undefined ? {} : { expectedShape: shape }),
    }));
    const roleState: State = {
      placeholders: (state?.names ?? []).map((n) => ({
        id: this.id(n),
        tags: [],
        description: '',
      })),
      tensors: (state?.values ?? []).map((v) => ({
        kind: 'tensor',
        tensor: {
          id: this.#next++,
          data: {
            shape: v.shape,
            dtype: 'float32',
            values: Float32Array.from(v.values),
            isQuantized: false,
            scale: 0,
            zeroPoint: 0,
          },
          tags: [],
          description: '',
          serializer: 4,
        },
      })),
    };
    const role: Role = {
      id: 1n,
      actions: compiled,
      state: roleState,
      placeholders,
      inputIds: inputs.map(([n]) => this.id(n) as SyftId),
      outputIds: outputs.map((n) => this.id(n)),
      tags: [],
      description: '',
    };
    return {
      id: 2n,
      role,
      includeState: state !== undefined,
      name,
      tags: [],
      description: '',
      baseFramework: 'tfjs',
      roles: new Map([['tfjs', role]]),
    };
  }
}
