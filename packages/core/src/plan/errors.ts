import { SyftError } from '../errors.js';

/** One reason a plan cannot be loaded, tied to the action it was found in (if any). */
export interface PlanProblem {
  /** Index of the action in `role.actions`, or `undefined` for a plan-level problem. */
  actionIndex?: number;
  /** The command string as written on the wire (for action problems). */
  command?: string;
  /** What is wrong, in one sentence. */
  reason: string;
}

/**
 * A plan failed validation at load time (`compilePlan`). Every problem found is listed, not
 * only the first: `code` is `PLAN_UNSUPPORTED` when a command, kwarg or argument kind is not
 * supported, `PLAN_INVALID` when the plan is malformed (undefined placeholders, no role, ...).
 */
export class PlanLoadError extends SyftError {
  /** Every problem found, in action order. */
  readonly problems: readonly PlanProblem[];

  /**
   * @param code - `PLAN_UNSUPPORTED` or `PLAN_INVALID`
   * @param planName - the plan's name, for the message
   * @param problems - everything that was found wrong
   */
  constructor(code: string, planName: string, problems: readonly PlanProblem[]) {
    const lines = problems.map((p) =>
      p.actionIndex === undefined
        ? `  - ${p.reason}`
        : `  - action ${p.actionIndex} (${p.command ?? '?'}): ${p.reason}`,
    );
    const label = planName === '' ? 'plan' : `plan "${planName}"`;
    super(code, `cannot load ${label}, ${problems.length} problem(s):\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

/**
 * The inputs given to `CompiledPlan.execute` do not fit the plan: wrong count
 * (`PLAN_INPUT_COUNT`), wrong shape (`PLAN_INPUT_SHAPE`) or a value that is neither a tensor nor
 * a number (`PLAN_INPUT_TYPE`).
 */
export class PlanInputError extends SyftError {}

/**
 * An action failed while the plan ran (code `PLAN_EXECUTION`). The message names the action
 * index and command and carries the backend's message; `cause` holds the original error.
 */
export class PlanExecutionError extends SyftError {
  /** Index of the failing action in `role.actions`. */
  readonly actionIndex: number;
  /** The failing action's command string. */
  readonly command: string;

  /**
   * @param actionIndex - index of the failing action
   * @param command - its command string
   * @param cause - what tfjs (or the argument check) threw
   */
  constructor(actionIndex: number, command: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super('PLAN_EXECUTION', `action ${actionIndex} (${command}) failed: ${detail}`, { cause });
    this.actionIndex = actionIndex;
    this.command = command;
  }
}
