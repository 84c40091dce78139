/**
 * Codec for the torch types: `types.torch.v1.TensorData`, `TorchTensor` and `Parameter`, and
 * the public single-tensor functions {@link decodeTorchTensor} / {@link encodeTorchTensor}.
 */
import { elementCount } from './element-count.js';
import { readDims, readId, writeDimsField, writeIdField } from './id-codec.js';
import {
  type Parameter,
  type SyftId,
  type TensorData,
  TensorSerializer,
  type TorchDtype,
  type TorchTensor,
} from './messages.js';
import {
  type ContentsRange,
  contentsElementWireType,
  dtypeOfContentsField,
  isTorchDtype,
  readContents,
  writeContents,
} from './tensor-contents.js';
import { type WireReader, decodeMessage } from './wire-reader.js';
import { type WireWriter, cannotEncode, encodeMessage } from './wire-writer.js';

const TORCH_TENSOR = 'syft_proto.types.torch.v1.TorchTensor';

/** Reads a `TensorData`, checking the dtype and that the value count matches the shape. */
export function readTensorData(r: WireReader): TensorData {
  let shape: number[] = [];
  let dtype = '';
  let isQuantized = false;
  let scale = 0;
  let zeroPoint = 0;
  const ranges: Array<{ dtype: TorchDtype; range: ContentsRange }> = [];
  while (r.more()) {
    const tag = r.tag();
    const field = tag >>> 3;
    const contentsDtype = dtypeOfContentsField(field);
    if (contentsDtype !== undefined) {
      const label = `TensorData.contents_${contentsDtype}`;
      ranges.push({
        dtype: contentsDtype,
        range: r.scalarRange(tag, contentsElementWireType(contentsDtype), label),
      });
      continue;
    }
    switch (field) {
      case 1:
        shape = r.message(tag, 'TensorData.shape', readDims);
        break;
      case 2:
        dtype = r.string(tag, 'TensorData.dtype');
        break;
      case 3:
        isQuantized = r.bool(tag, 'TensorData.is_quantized');
        break;
      case 4:
        scale = r.float(tag, 'TensorData.scale');
        break;
      case 5:
        zeroPoint = r.int32(tag, 'TensorData.zero_point');
        break;
      default:
        r.skip(tag);
    }
  }

  if (!isTorchDtype(dtype)) r.fail(`TensorData.dtype: unknown dtype ${quote(dtype)}`);
  const misplaced = ranges.find((entry) => entry.dtype !== dtype);
  if (misplaced !== undefined) {
    r.fail(`TensorData: values in contents_${misplaced.dtype} but dtype is "${dtype}"`);
  }
  const values = readContents(
    r,
    dtype,
    ranges.map((entry) => entry.range),
  );
  const expected = elementCount(shape);
  if (expected === undefined) r.fail(`TensorData.shape: invalid shape [${shape.join(', ')}]`);
  if (values.length !== expected) {
    r.fail(
      `TensorData: contents_${dtype} holds ${values.length} values, shape [${shape.join(', ')}] needs ${expected}`,
    );
  }
  return { shape, dtype, values, isQuantized, scale, zeroPoint };
}

/** Writes the fields of a `TensorData` (the shape is always written, even for a scalar). */
export function writeTensorData(w: WireWriter, data: TensorData): void {
  if (!isTorchDtype(data.dtype))
    cannotEncode(`TensorData.dtype: unknown dtype ${quote(String(data.dtype))}`);
  const expected = elementCount(data.shape);
  if (expected === undefined)
    cannotEncode(`TensorData.shape: invalid shape [${String(data.shape)}]`);
  if (data.values?.length !== expected) {
    cannotEncode(
      `TensorData: ${data.values?.length} values, shape [${data.shape.join(', ')}] needs ${expected}`,
    );
  }

  writeDimsField(w, 1, data.shape);
  w.string(2, data.dtype);
  if (data.isQuantized) w.bool(3, true);
  if (data.scale !== 0 || Object.is(data.scale, -0)) w.float(4, data.scale);
  if (data.zeroPoint !== 0) w.int32(5, data.zeroPoint);
  writeContents(w, data.dtype, data.values);
}

/** Reads a `TorchTensor`. */
export function readTorchTensor(r: WireReader): TorchTensor {
  const tensor: TorchTensor = {
    tags: [],
    description: '',
    serializer: TensorSerializer.UNSPECIFIED,
  };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        tensor.id = r.message(tag, 'TorchTensor.id', readId);
        break;
      case 2:
        tensor.data = r.message(tag, 'TorchTensor.contents_data', readTensorData);
        delete tensor.bin;
        break;
      case 3:
        tensor.bin = r.bytesValue(tag, 'TorchTensor.contents_bin');
        delete tensor.data;
        break;
      case 4:
        tensor.chain = r.message(tag, 'TorchTensor.chain', readTorchTensor);
        break;
      case 5:
        tensor.gradChain = r.message(tag, 'TorchTensor.grad_chain', readTorchTensor);
        break;
      case 6:
        tensor.tags.push(r.string(tag, 'TorchTensor.tags'));
        break;
      case 7:
        tensor.description = r.string(tag, 'TorchTensor.description');
        break;
      case 8:
        tensor.serializer = r.int32(tag, 'TorchTensor.serializer');
        break;
      default:
        r.skip(tag);
    }
  }
  return tensor;
}

/** Writes the fields of a `TorchTensor`. */
export function writeTorchTensor(w: WireWriter, tensor: TorchTensor): void {
  writeOptionalId(w, 1, tensor.id);
  const { data, bin, chain, gradChain } = tensor;
  if (data !== undefined) w.message(2, () => writeTensorData(w, data));
  else if (bin !== undefined) w.bytes(3, bin);
  if (chain !== undefined) w.message(4, () => writeTorchTensor(w, chain));
  if (gradChain !== undefined) w.message(5, () => writeTorchTensor(w, gradChain));
  for (const tag of tensor.tags) w.string(6, tag);
  if (tensor.description !== '') w.string(7, tensor.description);
  if (tensor.serializer !== TensorSerializer.UNSPECIFIED) w.int32(8, tensor.serializer);
}

/** Reads a `Parameter`. */
export function readParameter(r: WireReader): Parameter {
  const parameter: Parameter = { requiresGrad: false };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        parameter.id = r.message(tag, 'Parameter.id', readId);
        break;
      case 2:
        parameter.tensor = r.message(tag, 'Parameter.tensor', readTorchTensor);
        break;
      case 3:
        parameter.requiresGrad = r.bool(tag, 'Parameter.requires_grad');
        break;
      case 4:
        parameter.grad = r.message(tag, 'Parameter.grad', readTorchTensor);
        break;
      default:
        r.skip(tag);
    }
  }
  return parameter;
}

/** Writes the fields of a `Parameter`. */
export function writeParameter(w: WireWriter, parameter: Parameter): void {
  writeOptionalId(w, 1, parameter.id);
  const { tensor, grad } = parameter;
  if (tensor !== undefined) w.message(2, () => writeTorchTensor(w, tensor));
  if (parameter.requiresGrad) w.bool(3, true);
  if (grad !== undefined) w.message(4, () => writeTorchTensor(w, grad));
}

/** Writes `id` as an `Id` sub-message when it is defined. */
export function writeOptionalId(w: WireWriter, field: number, id: SyftId | undefined): void {
  if (id !== undefined) writeIdField(w, field, id);
}

/**
 * Decodes a standalone `syft_proto.types.torch.v1.TorchTensor`.
 *
 * @param bytes - the encoded message
 * @returns the tensor, with its contents as a typed array
 * @throws WireFormatError when the bytes are not a valid TorchTensor
 */
export function decodeTorchTensor(bytes: Uint8Array): TorchTensor {
  return decodeMessage(bytes, TORCH_TENSOR, (r) => readTorchTensor(r));
}

/**
 * Encodes a standalone `syft_proto.types.torch.v1.TorchTensor`.
 *
 * @param tensor - the tensor; its `data.values` typed array must match `data.dtype`
 * @returns the protobuf bytes
 * @throws WireFormatError when the tensor cannot be encoded
 */
export function encodeTorchTensor(tensor: TorchTensor): Uint8Array {
  return encodeMessage(TORCH_TENSOR, (w) => writeTorchTensor(w, tensor));
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
