import { ModelLoadError, PlanLoadError, describeError } from './errors.js';
import { fetchBytes } from './http.js';
import { Plan } from './plan.js';
import { SyftModel } from './syft-model.js';

/** What an accepted worker may download: the credentials and ids of the cycle reply. */
export interface CycleAssetsRequest {
  /** The grid's HTTP base URL. */
  httpUrl: string;
  workerId: string;
  requestKey: string;
  modelId: number;
  /** Plan ids by plan name. */
  planIds: Record<string, unknown>;
}

/** The model and plans of an accepted cycle. */
export interface CycleAssets {
  model: SyftModel;
  plans: Record<string, Plan>;
}

/**
 * Downloads the cycle's model checkpoint (`get-model`) and every plan (`get-plan`, tfjs
 * variant) and decodes them. Nothing stays allocated when one of them fails.
 *
 * @param request - ids and credentials from the accepted cycle reply
 * @throws ModelLoadError (`Failed to load Model: …`) or PlanLoadError
 *   (`Failed to load '<plan>' Plan: …`)
 */
export async function downloadCycleAssets(request: CycleAssetsRequest): Promise<CycleAssets> {
  const { httpUrl, workerId, requestKey, modelId, planIds } = request;
  const query = `worker_id=${encodeURIComponent(workerId)}&request_key=${requestKey}`;

  const model = await fetchBytes(
    `${httpUrl}/model-centric/get-model?${query}&model_id=${modelId}`,
    'model-centric/get-model',
  )
    .then((bytes) => SyftModel.fromProtobuf(bytes))
    .catch((error: unknown) => {
      if (error instanceof ModelLoadError) throw error;
      throw new ModelLoadError(describeError(error), { cause: error });
    });

  const plans: Record<string, Plan> = {};
  try {
    for (const [name, planId] of Object.entries(planIds)) {
      const bytes = await fetchBytes(
        `${httpUrl}/model-centric/get-plan?${query}&plan_id=${String(planId)}` +
          '&receive_operations_as=tfjs',
        'model-centric/get-plan',
      ).catch((error: unknown) => {
        throw new PlanLoadError(name, describeError(error), { cause: error });
      });
      plans[name] = Plan.fromProtobuf(name, bytes);
    }
  } catch (error) {
    model.dispose();
    Object.values(plans).forEach((plan) => plan.dispose());
    throw error;
  }
  return { model, plans };
}
