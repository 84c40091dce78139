import { arraysFromState, decodeState, hexToBytes } from '@syft-ts/core';
import { applyAveragingPlan } from './aggregation/averaging-plan.js';
import { decodeAveragingPlan, planVariants, type PlanVariants } from './assets/plan-variants.js';
import { modelSignature } from './assets/state-tensors.js';
import { requireOwner } from './auth/owner-token.js';
import type { GridContext } from './context.js';
import { badRequest, GridError, Messages } from './errors.js';
import { openNextCycle } from './cycle/lifecycle.js';
import { hostRequest, parseRequest } from './requests.js';
import { parseServerConfig } from './server-config.js';

const fromHex = (hex: string, field: string): Uint8Array => {
  try {
    return hexToBytes(hex);
  } catch {
    throw badRequest(`'${field}' is not valid hex`);
  }
};

/**
 * Hosts a new federated-learning process (section 4.1, D8, D12): checks the owner token and
 * every asset first, then writes the process, plans, protocols, configs, model, checkpoint 1
 * and cycle 1 in one transaction.
 *
 * @param ctx - the grid context
 * @param data - the `host-training` data
 * @param presentedOwnerToken - the owner token the caller sent
 * @returns `{"status":"success"}`
 */
export async function hostProcess(
  ctx: GridContext,
  data: unknown,
  presentedOwnerToken: string | undefined | null,
): Promise<{ status: 'success' }> {
  requireOwner(ctx.ownerToken, presentedOwnerToken);
  const request = parseRequest(hostRequest, data);
  const config = parseServerConfig(request.server_config);

  const model = fromHex(request.model, 'model');
  const signature = modelSignature(model);
  if (Object.keys(request.plans).length === 0)
    throw badRequest("'plans' must hold at least one plan");
  const variants = new Map<string, { original: Uint8Array; variants: PlanVariants }>();
  for (const [name, hex] of Object.entries(request.plans)) {
    const original = fromHex(hex, `plans.${name}`);
    variants.set(name, { original, variants: planVariants(original) });
  }
  const protocols = Object.entries(request.protocols ?? {}).map(
    ([name, hex]) => [name, fromHex(hex, `protocols.${name}`)] as const,
  );
  const averaging = fromHex(request.averaging_plan ?? '', 'averaging_plan');
  if (averaging.length > 0) checkAveragingPlan(averaging, config.iterativePlan, model, signature);

  const nowMs = ctx.now();
  await ctx.store.write(async (tx) => {
    const { name, version } = request.client_config;
    if (await tx.findProcess(name, version)) {
      throw new GridError('GRID_PROCESS_EXISTS', 409, Messages.processExists);
    }
    const process = {
      name,
      version,
      clientConfig: request.client_config,
      serverConfig: request.server_config,
      modelSignature: signature,
      createdAtMs: nowMs,
    };
    const processId = await tx.insertProcess(process);
    for (const [planName, plan] of variants) {
      await tx.insertPlan({
        processId,
        name: planName,
        isAveragingPlan: false,
        original: plan.original,
        tfjs: plan.variants.tfjs,
        list: plan.variants.list,
      });
    }
    await tx.insertPlan({
      processId,
      name: null,
      isAveragingPlan: true,
      original: averaging,
      tfjs: null,
      list: null,
    });
    for (const [protocolName, value] of protocols) {
      await tx.insertProtocol(processId, protocolName, value);
    }
    const modelId = await tx.insertModel(processId);
    await tx.insertLatestCheckpoint(modelId, model, null, nowMs);
    await openNextCycle(tx, { ...process, id: processId }, config, 1, nowMs);
  });
  ctx.log.info(
    { name: request.client_config.name, version: request.client_config.version },
    'process hosted',
  );
  ctx.deadlinesChanged();
  return { status: 'success' };
}

/**
 * Refuses a non-iterative averaging plan (D6) and dry-runs an iterative one on the model, so
 * that a plan the grid cannot run is refused at host time rather than at the first report.
 */
function checkAveragingPlan(
  bytes: Uint8Array,
  iterative: boolean,
  model: Uint8Array,
  signature: ReturnType<typeof modelSignature>,
): void {
  if (!iterative) {
    throw badRequest(
      'A non-iterative averaging plan is not supported: set server_config.iterative_plan to true ' +
        'for a plan that averages one diff at a time, or send no averaging_plan for FedAvg.',
    );
  }
  const plan = decodeAveragingPlan(bytes);
  const params = arraysFromState(decodeState(model)).map((a) => a.values);
  try {
    applyAveragingPlan(plan, params, params, 1, signature);
  } catch (error) {
    throw badRequest(`averaging_plan cannot run on this model: ${(error as Error).message}`);
  }
}
