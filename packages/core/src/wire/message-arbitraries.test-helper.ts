/** fast-check generators of in-memory wire messages (tests only). */
import fc from 'fast-check';

import {
  type Arg,
  type ComputationAction,
  type Parameter,
  type Placeholder,
  type Plan,
  type PointerTensor,
  type Role,
  type State,
  type StateTensor,
  type SyftId,
  type TensorData,
  TensorSerializer,
  type TorchTensor,
} from './messages.js';

const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const id: fc.Arbitrary<SyftId> = fc.oneof(int64, fc.string({ maxLength: 8 }));
const text = fc.string({ maxLength: 12, unit: 'grapheme' });
const tags = fc.array(text, { maxLength: 3 });
const dims = fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 4 });
const serializer = fc.constantFrom(...([0, 1, 2, 3, 4] as TensorSerializer[]));

/** Shapes whose element count is small. */
const shape = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });

function valuesFor(dtype: TensorData['dtype'], length: number): fc.Arbitrary<TensorData['values']> {
  const n = { minLength: length, maxLength: length };
  switch (dtype) {
    case 'float16':
    case 'float32':
    case 'bfloat16':
      return fc.float32Array(n);
    case 'float64':
      return fc.float64Array(n);
    case 'int64':
      return fc.bigInt64Array(n);
    case 'bool':
      return fc.array(fc.boolean(), n).map((flags) => Uint8Array.from(flags, Number));
    case 'uint8':
    case 'quint8':
      return fc.array(fc.nat({ max: 255 }), n).map((v) => Uint32Array.from(v));
    default:
      return fc.int32Array(n);
  }
}

const tensorData: fc.Arbitrary<TensorData> = fc
  .record({
    shape,
    dtype: fc.constantFrom(
      ...([
        'uint8',
        'int8',
        'int16',
        'int32',
        'int64',
        'float16',
        'float32',
        'float64',
        'bool',
        'qint8',
        'quint8',
        'qint32',
        'bfloat16',
      ] as const),
    ),
    isQuantized: fc.boolean(),
    scale: fc.float(),
    zeroPoint: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  })
  .chain((data) =>
    valuesFor(
      data.dtype,
      data.shape.reduce((a, b) => a * b, 1),
    ).map((values) => ({ ...data, values })),
  );

const { tensor: torchTensor } = fc.letrec<{ tensor: TorchTensor }>((tie) => ({
  tensor: fc
    .record(
      {
        id,
        contents: fc.oneof(
          fc.constant(undefined),
          tensorData.map((data) => ({ data })),
          fc.uint8Array({ maxLength: 6 }).map((bin) => ({ bin })),
        ),
        chain: fc.option(tie('tensor'), { nil: undefined, depthSize: 'small' }),
        tags,
        description: text,
        serializer,
      },
      { requiredKeys: ['tags', 'description', 'serializer'] },
    )
    .map(({ contents, ...rest }) => clean<TorchTensor>({ ...rest, ...contents })),
}));

const parameter: fc.Arbitrary<Parameter> = fc
  .record(
    { id, tensor: torchTensor, requiresGrad: fc.boolean(), grad: torchTensor },
    { requiredKeys: ['requiresGrad'] },
  )
  .map((p) => clean<Parameter>(p));

const pointer: fc.Arbitrary<PointerTensor> = fc
  .record(
    {
      objectId: id,
      locationId: id,
      objectIdAtLocation: id,
      shape: dims,
      pointToAttr: text,
      garbageCollectData: fc.boolean(),
    },
    { requiredKeys: ['pointToAttr', 'garbageCollectData'] },
  )
  .map((p) => clean<PointerTensor>(p));

const placeholder: fc.Arbitrary<Placeholder> = fc
  .record(
    {
      id,
      child: fc.oneof(
        torchTensor.map((tensor) => ({ kind: 'tensor' as const, tensor })),
        parameter.map((parameter) => ({ kind: 'parameter' as const, parameter })),
      ),
      tags,
      description: text,
      expectedShape: dims,
    },
    { requiredKeys: ['tags', 'description'] },
  )
  .map((p) => clean<Placeholder>(p));

const { arg } = fc.letrec<{ arg: Arg }>((tie) => ({
  arg: fc.oneof(
    { depthSize: 'small' },
    fc.constant({ kind: 'none' as const }),
    fc.boolean().map((value) => ({ kind: 'bool' as const, value })),
    int64.map((value) => ({ kind: 'int' as const, value })),
    fc.float().map((value) => ({ kind: 'float' as const, value })),
    text.map((value) => ({ kind: 'str' as const, value })),
    dims.map((value) => ({ kind: 'shape' as const, value })),
    torchTensor.map((value) => ({ kind: 'tensor' as const, value })),
    parameter.map((value) => ({ kind: 'param' as const, value })),
    pointer.map((value) => ({ kind: 'pointer' as const, value })),
    placeholder.map((value) => ({ kind: 'placeholder' as const, value })),
    id.map((value) => ({ kind: 'placeholderId' as const, value })),
    fc.array(tie('arg'), { maxLength: 3 }).map((value) => ({ kind: 'list' as const, value })),
  ),
}));

const action: fc.Arbitrary<ComputationAction> = fc
  .record(
    {
      command: text,
      target: fc.oneof(
        id.map((value) => ({ kind: 'id' as const, value })),
        pointer.map((value) => ({ kind: 'pointer' as const, value })),
        id.map((value) => ({ kind: 'placeholderId' as const, value })),
        torchTensor.map((value) => ({ kind: 'tensor' as const, value })),
      ),
      args: fc.array(arg, { maxLength: 3 }),
      kwargs: fc.array(fc.tuple(text, arg), { maxLength: 2 }).map((entries) => new Map(entries)),
      returnIds: fc.array(id, { maxLength: 2 }),
      returnPlaceholderIds: fc.array(id, { maxLength: 2 }),
    },
    { requiredKeys: ['command', 'args', 'kwargs', 'returnIds', 'returnPlaceholderIds'] },
  )
  .map((a) => clean<ComputationAction>(a));

const stateTensor: fc.Arbitrary<StateTensor> = fc.oneof(
  torchTensor.map((tensor) => ({ kind: 'tensor' as const, tensor })),
  parameter.map((parameter) => ({ kind: 'parameter' as const, parameter })),
);

/** Any State. */
export const stateArbitrary: fc.Arbitrary<State> = fc.record({
  placeholders: fc.array(placeholder, { maxLength: 3 }),
  tensors: fc.array(stateTensor, { maxLength: 3 }),
});

const role: fc.Arbitrary<Role> = fc
  .record(
    {
      id,
      actions: fc.array(action, { maxLength: 3 }),
      state: stateArbitrary,
      placeholders: fc.array(placeholder, { maxLength: 2 }),
      inputIds: fc.array(id, { maxLength: 3 }),
      outputIds: fc.array(id, { maxLength: 3 }),
      tags,
      description: text,
    },
    { requiredKeys: ['actions', 'placeholders', 'inputIds', 'outputIds', 'tags', 'description'] },
  )
  .map((r) => clean<Role>(r));

/** Any Plan (torchscript, when present, is non-empty: proto3 does not write empty bytes). */
export const planArbitrary: fc.Arbitrary<Plan> = fc
  .record(
    {
      id,
      role,
      includeState: fc.boolean(),
      name: text,
      tags,
      description: text,
      torchscript: fc.uint8Array({ minLength: 1, maxLength: 6 }),
      inputTypes: fc.uint8Array({ maxLength: 6 }),
      baseFramework: text,
      roles: fc.array(fc.tuple(text, role), { maxLength: 2 }).map((entries) => new Map(entries)),
    },
    { requiredKeys: ['includeState', 'name', 'tags', 'description', 'baseFramework', 'roles'] },
  )
  .map((p) => clean<Plan>(p));

/** Drops keys whose value is `undefined`, as the decoder never sets them. */
function clean<T>(value: object): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
