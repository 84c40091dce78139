import { decodePlan, encodePlan, type Plan } from '@syft-ts/core';
import { GridError, Messages } from '../errors.js';

/** The variants of a client plan the grid serves (D10, grid-protocol.md section 3.5). */
export interface PlanVariants {
  /** For `receive_operations_as=tfjs`: base_framework `tfjs`, the tfjs role, no roles map, no torchscript. */
  tfjs: Uint8Array;
  /** For `receive_operations_as=list`: the torch-op role; `null` when the plan has none. */
  list: Uint8Array | null;
}

/**
 * Builds the served variants of an uploaded client plan.
 *
 * @param bytes - the serialized `Plan` as uploaded
 * @throws GridError 400 `Plan is not valid` when it does not decode, `Failed to translate a Plan`
 *   when it has no tfjs role
 */
export function planVariants(bytes: Uint8Array): PlanVariants {
  let plan: Plan;
  try {
    plan = decodePlan(bytes);
  } catch {
    throw new GridError('GRID_PLAN_INVALID', 400, Messages.planInvalid);
  }
  const tfjsRole =
    plan.roles.get('tfjs') ?? (plan.baseFramework === 'tfjs' ? plan.role : undefined);
  if (!tfjsRole) {
    throw new GridError('GRID_PLAN_TRANSLATION', 400, Messages.planTranslationFailed);
  }
  const trimmed: Plan = { ...plan, torchscript: undefined, roles: new Map() };
  const torchRole =
    plan.roles.get('torch') ?? (plan.baseFramework === 'torch' ? plan.role : undefined);
  return {
    tfjs: encodePlan({ ...trimmed, baseFramework: 'tfjs', role: tfjsRole }),
    list: torchRole ? encodePlan({ ...trimmed, baseFramework: 'torch', role: torchRole }) : null,
  };
}

/**
 * Decodes an averaging plan at host time.
 *
 * @throws GridError 400 `Plan is not valid`
 */
export function decodeAveragingPlan(bytes: Uint8Array): Plan {
  try {
    return decodePlan(bytes);
  } catch {
    throw new GridError('GRID_PLAN_INVALID', 400, Messages.planInvalid);
  }
}
