/**
 * In-memory forms of the syft-proto messages used in model-centric federated learning
 * (`../shared/spec/wire-format.md` section 4). The codec in this folder maps them to and from
 * protobuf bytes; the plan interpreter and the plan tracer work on them.
 *
 * Every field that can appear on the wire is kept, so that decoding then encoding gives the
 * same bytes. Optional sub-messages are `undefined` when absent from the wire; an empty but
 * present sub-message is an empty value (for example `expectedShape: []`).
 */

/**
 * A syft object id (`types.syft.v1.Id`): `bigint` for `id_int` (full int64 precision),
 * `string` for `id_str`.
 */
export type SyftId = bigint | string;

/** Torch dtype names that have a `contents_<dtype>` field in `TensorData`. */
export type TorchDtype =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'bool'
  | 'qint8'
  | 'quint8'
  | 'qint32'
  | 'bfloat16';

/**
 * Tensor contents as a typed array, row-major. The array type follows the dtype:
 * float32/float16/bfloat16 → Float32Array, float64 → Float64Array,
 * int8/int16/int32/qint8/qint32 → Int32Array, uint8/quint8 → Uint32Array,
 * int64 → BigInt64Array, bool → Uint8Array (0 or 1).
 */
export type TensorValues =
  Float32Array | Float64Array | Int32Array | Uint32Array | BigInt64Array | Uint8Array;

/** `types.torch.v1.TensorData`: shape, dtype and the values of `contents_<dtype>`. */
export interface TensorData {
  shape: number[];
  dtype: TorchDtype;
  values: TensorValues;
  isQuantized: boolean;
  scale: number;
  zeroPoint: number;
}

/** `types.torch.v1.TorchTensor.Serializer`. Only `ALL` (4) carries portable `TensorData`. */
export enum TensorSerializer {
  UNSPECIFIED = 0,
  TORCH = 1,
  NUMPY = 2,
  TF = 3,
  ALL = 4,
}

/** `types.torch.v1.TorchTensor`. */
export interface TorchTensor {
  id?: SyftId;
  /** `contents_data` (oneof `contents`). */
  data?: TensorData;
  /** `contents_bin` (oneof `contents`): opaque serializer bytes, not executable here. */
  bin?: Uint8Array;
  chain?: TorchTensor;
  gradChain?: TorchTensor;
  tags: string[];
  description: string;
  serializer: TensorSerializer;
}

/** `types.torch.v1.Parameter`: a tensor wrapped as a torch Parameter. */
export interface Parameter {
  id?: SyftId;
  tensor?: TorchTensor;
  requiresGrad: boolean;
  grad?: TorchTensor;
}

/** `generic.pointers.v1.PointerTensor`: a remote pointer; decoded, never executed. */
export interface PointerTensor {
  objectId?: SyftId;
  locationId?: SyftId;
  objectIdAtLocation?: SyftId;
  shape?: number[];
  pointToAttr: string;
  garbageCollectData: boolean;
}

/** `execution.v1.Placeholder`. */
export interface Placeholder {
  id?: SyftId;
  /** oneof `child`: an instantiated value. */
  child?: { kind: 'tensor'; tensor: TorchTensor } | { kind: 'parameter'; parameter: Parameter };
  tags: string[];
  description: string;
  /** `undefined` when absent; `[]` when present and empty (a scalar, or syft.js's `Shape{}`). */
  expectedShape?: number[];
}

/** `types.syft.v1.Arg`: one positional or keyword argument of an action. */
export type Arg =
  | { kind: 'bool'; value: boolean }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'shape'; value: number[] }
  | { kind: 'tensor'; value: TorchTensor }
  | { kind: 'param'; value: Parameter }
  | { kind: 'pointer'; value: PointerTensor }
  | { kind: 'placeholder'; value: Placeholder }
  | { kind: 'placeholderId'; value: SyftId }
  | { kind: 'list'; value: Arg[] }
  /** An Arg whose oneof is unset (read as `null`). */
  | { kind: 'none' };

/** The receiver of a torch-style method call (`ComputationAction.target` oneof). */
export type ActionTarget =
  | { kind: 'id'; value: SyftId }
  | { kind: 'pointer'; value: PointerTensor }
  | { kind: 'placeholderId'; value: SyftId }
  | { kind: 'tensor'; value: TorchTensor };

/** `execution.v1.ComputationAction`: one operation of a plan. */
export interface ComputationAction {
  command: string;
  target?: ActionTarget;
  args: Arg[];
  /** Keyword arguments under their torch names, in wire order. */
  kwargs: Map<string, Arg>;
  returnIds: SyftId[];
  /** The ids of `PlaceholderId`s the result is stored under. */
  returnPlaceholderIds: SyftId[];
}

/** `execution.v1.StateTensor`: a tensor or a parameter. */
export type StateTensor =
  { kind: 'tensor'; tensor: TorchTensor } | { kind: 'parameter'; parameter: Parameter };

/** `execution.v1.State`: `placeholders[i]` goes with `tensors[i]`, by index. */
export interface State {
  placeholders: Placeholder[];
  tensors: StateTensor[];
}

/** `execution.v1.Role`: the program for one framework. */
export interface Role {
  id?: SyftId;
  actions: ComputationAction[];
  /** Constant tensors the plan closes over; `undefined` only if absent on the wire. */
  state?: State;
  placeholders: Placeholder[];
  /** Plan arguments in call order (bare `Id`s on the wire). */
  inputIds: SyftId[];
  /** Plan results in return order (bare `Id`s on the wire). */
  outputIds: SyftId[];
  tags: string[];
  description: string;
}

/** `execution.v1.Plan`. */
export interface Plan {
  id?: SyftId;
  /** The role to execute (the one for `baseFramework`). */
  role?: Role;
  includeState: boolean;
  name: string;
  tags: string[];
  description: string;
  /** TorchScript archive bytes; not used by tfjs workers. */
  torchscript?: Uint8Array;
  /** The encoded `NestedTypeWrapper` of field 8, kept opaque (informative only). */
  inputTypes?: Uint8Array;
  baseFramework: string;
  /** All translations by framework name, in wire order. */
  roles: Map<string, Role>;
}

/** `execution.v1.Protocol` (v0.4.9 layout). Decoded for completeness; not executed. */
export interface Protocol {
  id?: SyftId;
  name: string;
  roles: Map<string, Role>;
  tags: string[];
  description: string;
}

/** The map key under which an id is stored in a plan scope: int and string ids never collide. */
export function idKey(id: SyftId): string {
  return typeof id === 'bigint' ? `i${id.toString()}` : `s${id}`;
}
