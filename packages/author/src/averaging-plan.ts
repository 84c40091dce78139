import type { Plan } from '@syft-ts/core';
import { TraceValueError } from './errors.js';
import { add, div, mul } from './ops/arithmetic.js';
import type { Shape } from './shape.js';
import { tracePlan } from './trace-plan.js';

/**
 * Traces an iterative averaging plan for the grid (grid-protocol.md §4.9): inputs
 * `(avg..., item..., num)` with `num` a `[1]` tensor counting the items already averaged,
 * outputs `(avg·num + item) / (num + 1)` for each parameter — a running mean, as in PyGrid's
 * notebooks. Host it with `iterative_plan: true`.
 * @param paramShapes - the shapes of the model parameters (and so of each diff)
 * @throws TraceValueError for an empty list
 */
export function averagingPlan(paramShapes: readonly Shape[]): Plan {
  if (paramShapes.length === 0)
    throw new TraceValueError('averagingPlan parameter shapes', 'an empty list');
  const spec = { avg: paramShapes, item: paramShapes, num: [1] };
  return tracePlan('avg_plan', spec, (_t, { avg, item, num }) => {
    const averaged = avg;
    const items = item;
    const next = add(num, 1);
    return averaged.map((a, i) => div(add(mul(a, num), items[i] ?? a), next));
  });
}
