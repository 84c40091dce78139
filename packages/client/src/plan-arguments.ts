import type * as tf from '@tensorflow/tfjs';
import { ClientArgumentError, TrainingError } from './errors.js';
import { PlanInputSpec, PlanOutputSpec } from './plan-specs.js';

/** What the trainer knows for one batch, to be placed into plan arguments. */
export interface BatchValues {
  data: tf.Tensor;
  target: tf.Tensor;
  batchSize: number;
  clientConfig: Record<string, unknown>;
  modelParams: tf.Tensor[];
}

/** Plan results sorted by meaning. Tensors not claimed by a spec are in `unused`. */
export interface BatchResults {
  loss: tf.Tensor | undefined;
  metrics: Map<string, tf.Tensor>;
  modelParams: tf.Tensor[] | undefined;
  unused: tf.Tensor[];
}

function clientConfigValue(config: Record<string, unknown>, name: string | null): number {
  if (name === null) {
    throw new ClientArgumentError('a TYPE_CLIENT_CONFIG_PARAM input needs a name');
  }
  const value = config[name];
  if (typeof value !== 'number') {
    throw new ClientArgumentError(
      `client config '${name}' must be a number to be a plan argument, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Builds the plan's argument list from `specs`. */
export function resolveInputs(
  specs: readonly PlanInputSpec[],
  values: BatchValues,
): (tf.Tensor | number)[] {
  const args: (tf.Tensor | number)[] = [];
  for (const spec of specs) {
    switch (spec.type) {
      case PlanInputSpec.TYPE_DATA:
        args.push(values.data);
        break;
      case PlanInputSpec.TYPE_TARGET:
        args.push(values.target);
        break;
      case PlanInputSpec.TYPE_BATCH_SIZE:
        args.push(values.batchSize);
        break;
      case PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM:
        args.push(clientConfigValue(values.clientConfig, spec.name));
        break;
      case PlanInputSpec.TYPE_VALUE:
        if (typeof spec.value !== 'number' && !isTensor(spec.value)) {
          throw new ClientArgumentError(
            `a TYPE_VALUE input needs a number or tensor value, got ${typeof spec.value}`,
          );
        }
        args.push(spec.value);
        break;
      case PlanInputSpec.TYPE_MODEL_PARAM:
        if (spec.index === null) {
          args.push(...values.modelParams);
        } else {
          const param = values.modelParams[spec.index];
          if (param === undefined) {
            throw new ClientArgumentError(
              `model parameter index ${spec.index} is out of range (the model has ` +
                `${values.modelParams.length})`,
            );
          }
          args.push(param);
        }
        break;
      default:
        throw new ClientArgumentError(`unknown plan input type '${String(spec.type)}'`);
    }
  }
  return args;
}

function isTensor(value: unknown): value is tf.Tensor {
  return typeof value === 'object' && value !== null && 'dataSync' in value && 'shape' in value;
}

/**
 * Sorts the plan's outputs by `specs`. A `TYPE_MODEL_PARAM` spec without index takes that
 * output and all following ones.
 *
 * @param specs - the output specs
 * @param outputs - the plan's outputs
 * @param paramCount - the model's number of parameters
 */
export function resolveOutputs(
  specs: readonly PlanOutputSpec[],
  outputs: tf.Tensor[],
  paramCount: number,
): BatchResults {
  const results: BatchResults = {
    loss: undefined,
    metrics: new Map(),
    modelParams: undefined,
    unused: [],
  };
  const params: (tf.Tensor | undefined)[] = [];
  const claimed = new Set<number>();
  let position = 0;
  for (const spec of specs) {
    if (position >= outputs.length) break;
    if (spec.type === PlanOutputSpec.TYPE_MODEL_PARAM && spec.index === null) {
      for (let i = 0; position < outputs.length; i++, position++) {
        params[i] = outputs[position];
        claimed.add(position);
      }
      break;
    }
    const output = outputs[position] as tf.Tensor;
    claimed.add(position);
    position++;
    if (spec.type === PlanOutputSpec.TYPE_LOSS) results.loss = output;
    else if (spec.type === PlanOutputSpec.TYPE_METRIC) {
      if (spec.name === null) throw new ClientArgumentError('a TYPE_METRIC output needs a name');
      results.metrics.set(spec.name, output);
    } else if (spec.type === PlanOutputSpec.TYPE_MODEL_PARAM && spec.index !== null) {
      params[spec.index] = output;
    } else {
      throw new ClientArgumentError(`unknown plan output type '${String(spec.type)}'`);
    }
  }
  results.unused = outputs.filter((_output, i) => !claimed.has(i));

  if (params.length > 0) {
    const complete = params.filter((p): p is tf.Tensor => p !== undefined);
    if (complete.length !== paramCount || params.length !== paramCount) {
      throw new TrainingError(
        `the plan returned ${complete.length} model parameters for a model of ${paramCount}`,
      );
    }
    results.modelParams = complete;
  }
  return results;
}
