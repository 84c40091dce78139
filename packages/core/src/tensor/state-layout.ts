/**
 * The pieces shared by the tfjs and typed-array conversions: reading the portable contents of
 * a state entry, and building a State in the layout syft.js writes (wire-format.md §4.6).
 */
import {
  type Placeholder,
  type State,
  type StateTensor,
  type SyftId,
  type TensorData,
  TensorSerializer,
  type TorchTensor,
} from '../wire/messages.js';
import { elementCount } from '../wire/element-count.js';
import { TensorConversionError } from './tensor-conversion-error.js';

/**
 * The portable `TensorData` of `tensor`; fails unless the serializer is `ALL` with
 * `contents_data`.
 *
 * @param tensor - the wire tensor
 * @param label - how to name the tensor in errors, for example `State.tensors[2]`
 */
export function portableData(tensor: TorchTensor, label: string): TensorData {
  if (tensor.serializer !== TensorSerializer.ALL) {
    const name = TensorSerializer[tensor.serializer] ?? String(tensor.serializer);
    throw new TensorConversionError(`${label}: serializer must be ALL (4), got ${name}`);
  }
  if (tensor.data === undefined) {
    throw new TensorConversionError(`${label}: serializer ALL but no contents_data`);
  }
  const { shape, values } = tensor.data;
  const expected = elementCount(shape);
  if (expected === undefined || values?.length !== expected) {
    throw new TensorConversionError(
      `${label}: ${values?.length} values do not fit shape [${String(shape)}]`,
    );
  }
  return tensor.data;
}

/** The tensor of a state entry; a Parameter is unwrapped to its `tensor`. */
export function entryTensor(entry: StateTensor, index: number): TorchTensor {
  if (entry.kind === 'tensor') return entry.tensor;
  if (entry.parameter.tensor === undefined) {
    throw new TensorConversionError(`State.tensors[${index}]: Parameter has no tensor`);
  }
  return entry.parameter.tensor;
}

/** A portable `TorchTensor` (serializer ALL) holding `data`. */
export function portableTensor(data: TensorData, id: SyftId): TorchTensor {
  return { id, data, tags: [], description: '', serializer: TensorSerializer.ALL };
}

/**
 * A State in syft.js's layout: placeholder *i* has id *i*, tags `#i` and `#state-i` and an
 * empty expected shape; tensor *i* is `tensors[i]`.
 */
export function syftJsState(tensors: TorchTensor[]): State {
  const placeholders = tensors.map((_, i): Placeholder => ({
    id: BigInt(i),
    tags: [`#${i}`, `#state-${i}`],
    description: '',
    expectedShape: [],
  }));
  return {
    placeholders,
    tensors: tensors.map((tensor): StateTensor => ({ kind: 'tensor', tensor })),
  };
}
