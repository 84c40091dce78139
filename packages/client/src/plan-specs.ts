/** The kinds of value a training plan can take, as syft.js names them. */
export type PlanInputType =
  'data' | 'target' | 'batchSize' | 'clientConfigParam' | 'value' | 'modelParam';

/** The kinds of value a training plan can return, as syft.js names them. */
export type PlanOutputType = 'loss' | 'metric' | 'modelParam';

/**
 * Describes one argument of a training plan: which value the PlanTrainer puts there.
 *
 * @example
 * const inputs = [
 *   new PlanInputSpec(PlanInputSpec.TYPE_DATA),
 *   new PlanInputSpec(PlanInputSpec.TYPE_TARGET),
 *   new PlanInputSpec(PlanInputSpec.TYPE_BATCH_SIZE),
 *   new PlanInputSpec(PlanInputSpec.TYPE_CLIENT_CONFIG_PARAM, 'lr'),
 *   new PlanInputSpec(PlanInputSpec.TYPE_MODEL_PARAM),
 * ];
 */
export class PlanInputSpec {
  /** The data batch. */
  static readonly TYPE_DATA = 'data';
  /** The target (label) batch. */
  static readonly TYPE_TARGET = 'target';
  /** The batch size. */
  static readonly TYPE_BATCH_SIZE = 'batchSize';
  /** A client config entry; `name` is required. */
  static readonly TYPE_CLIENT_CONFIG_PARAM = 'clientConfigParam';
  /** A fixed value; `value` is required. */
  static readonly TYPE_VALUE = 'value';
  /** Model parameters: the one at `index`, or all of them (spread) when no index is given. */
  static readonly TYPE_MODEL_PARAM = 'modelParam';

  /**
   * @param type - one of the `TYPE_` constants
   * @param name - the client config key (for `TYPE_CLIENT_CONFIG_PARAM`)
   * @param index - which model parameter (for `TYPE_MODEL_PARAM`)
   * @param value - the value (for `TYPE_VALUE`)
   */
  constructor(
    readonly type: PlanInputType,
    readonly name: string | null = null,
    readonly index: number | null = null,
    readonly value: unknown = null,
  ) {}
}

/**
 * Describes one result of a training plan: where the PlanTrainer puts it.
 *
 * @example
 * const outputs = [
 *   new PlanOutputSpec(PlanOutputSpec.TYPE_LOSS),
 *   new PlanOutputSpec(PlanOutputSpec.TYPE_METRIC, 'accuracy'),
 *   new PlanOutputSpec(PlanOutputSpec.TYPE_MODEL_PARAM),
 * ];
 */
export class PlanOutputSpec {
  /** The loss (reported as `loss` in `batchEnd`). */
  static readonly TYPE_LOSS = 'loss';
  /** A metric; `name` is required (reported in `batchEnd`'s `metrics`). */
  static readonly TYPE_METRIC = 'metric';
  /**
   * Updated model parameters: the one at `index`, or, without an index, this and all the
   * remaining outputs in parameter order.
   */
  static readonly TYPE_MODEL_PARAM = 'modelParam';

  /**
   * @param type - one of the `TYPE_` constants
   * @param name - the metric name (for `TYPE_METRIC`)
   * @param index - which model parameter (for `TYPE_MODEL_PARAM`)
   */
  constructor(
    readonly type: PlanOutputType,
    readonly name: string | null = null,
    readonly index: number | null = null,
  ) {}
}
