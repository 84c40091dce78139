/**
 * Cross-checks the hand-written codec against the .proto files in packages/core/proto, read by
 * protobufjs's reflection: every field the codec writes must land in the field of that name.
 */
import { fileURLToPath } from 'node:url';

import protobuf from 'protobufjs';
import { describe, expect, test } from 'vitest';

import { type Plan, TensorSerializer, type TorchTensor } from './messages.js';
import { decodePlan, encodePlan } from './plan-codec.js';
import { encodeState } from './state-codec.js';
import { PLAN_VECTORS, STATE_VECTORS, hex, vectorBytes } from './vectors.test-helper.js';

const PROTO_ROOT = fileURLToPath(new URL('../../proto/', import.meta.url));

function loadSchema(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => PROTO_ROOT + target;
  root.loadSync([
    'syft_proto/execution/v1/plan.proto',
    'syft_proto/execution/v1/state.proto',
    'syft_proto/execution/v1/protocol.proto',
    'syft_proto/types/syft/v1/arg.proto',
  ]);
  root.resolveAll();
  return root;
}

const schema = loadSchema();
const PlanType = schema.lookupType('syft_proto.execution.v1.Plan');
const StateType = schema.lookupType('syft_proto.execution.v1.State');

function toObject(type: protobuf.Type, bytes: Uint8Array): Record<string, unknown> {
  return type.toObject(type.decode(bytes), {
    longs: String,
    bytes: String,
    enums: String,
  });
}

function tensor(values: number[]): TorchTensor {
  return {
    id: 11n,
    data: {
      shape: [values.length],
      dtype: 'float64',
      values: new Float64Array(values),
      isQuantized: true,
      scale: 0.5,
      zeroPoint: -3,
    },
    chain: {
      tags: [],
      description: '',
      serializer: TensorSerializer.TORCH,
      bin: new Uint8Array([1, 2]),
    },
    tags: ['t'],
    description: 'tensor',
    serializer: TensorSerializer.ALL,
  };
}

/** A Plan that sets every field the codec knows at least once. */
const KITCHEN_SINK: Plan = {
  id: 'plan',
  role: {
    id: 1n,
    actions: [
      {
        command: 'tf.add',
        target: { kind: 'id', value: 2n },
        args: [
          { kind: 'bool', value: false },
          { kind: 'int', value: -5n },
          { kind: 'float', value: 0.25 },
          { kind: 'str', value: 'float32' },
          { kind: 'shape', value: [2, 3] },
          { kind: 'tensor', value: tensor([1]) },
          {
            kind: 'param',
            value: { id: 3n, tensor: tensor([2]), requiresGrad: true, grad: tensor([3]) },
          },
          {
            kind: 'pointer',
            value: {
              objectId: 4n,
              locationId: 'alice',
              objectIdAtLocation: 5n,
              shape: [1],
              pointToAttr: 'grad',
              garbageCollectData: true,
            },
          },
          {
            kind: 'placeholder',
            value: { id: 6n, tags: ['#x'], description: 'p', expectedShape: [] },
          },
          { kind: 'placeholderId', value: 7n },
          { kind: 'list', value: [{ kind: 'int', value: 0n }, { kind: 'none' }] },
        ],
        kwargs: new Map([['keepdim', { kind: 'bool', value: true }]]),
        returnIds: [8n],
        returnPlaceholderIds: [9n],
      },
      {
        command: 'clone',
        target: { kind: 'placeholderId', value: 10n },
        args: [],
        kwargs: new Map(),
        returnIds: [],
        returnPlaceholderIds: [],
      },
    ],
    state: { placeholders: [], tensors: [] },
    placeholders: [
      { id: 12n, tags: [], description: '', child: { kind: 'tensor', tensor: tensor([4]) } },
    ],
    inputIds: [13n],
    outputIds: ['out'],
    tags: ['role-tag'],
    description: 'role',
  },
  includeState: true,
  name: 'kitchen_sink',
  tags: ['plan-tag'],
  description: 'plan',
  torchscript: new Uint8Array([9, 9]),
  inputTypes: new Uint8Array([0x0a, 0x02, 0x0a, 0x00]),
  baseFramework: 'tfjs',
  roles: new Map([
    [
      'tfjs',
      { actions: [], placeholders: [], inputIds: [], outputIds: [], tags: [], description: '' },
    ],
  ]),
};

describe('the codec agrees with the .proto files', () => {
  test.each([...PLAN_VECTORS])('protobufjs reflection re-encodes %s to the same bytes', (name) => {
    const bytes = vectorBytes(name);

    const viaReflection = PlanType.encode(PlanType.decode(bytes)).finish();

    expect(hex(viaReflection)).toBe(hex(bytes));
  });

  test.each([...STATE_VECTORS])('reflection and the codec read %s the same way', (name) => {
    const bytes = vectorBytes(name);

    const object = toObject(StateType, bytes);

    const tensors = object.tensors as Array<{
      torchTensor: { contentsData: { contentsFloat32: number[] } };
    }>;
    expect(tensors.length).toBeGreaterThan(0);
    expect(tensors[0]?.torchTensor.contentsData.contentsFloat32.length).toBe(3);
  });

  test('every field the codec writes lands in the field of the same name', () => {
    const bytes = encodePlan(KITCHEN_SINK);

    const plan = toObject(PlanType, bytes);

    expect(plan).toMatchObject({
      id: { idStr: 'plan' },
      includeState: true,
      name: 'kitchen_sink',
      tags: ['plan-tag'],
      description: 'plan',
      torchscript: 'CQk=',
      inputTypes: { nestedTypes: { nestedType: {} } },
      baseFramework: 'tfjs',
      roles: { tfjs: {} },
      role: {
        id: { idInt: '1' },
        state: {},
        placeholders: [{ id: { idInt: '12' }, childTensor: { id: { idInt: '11' } } }],
        inputPlaceholderIds: [{ idInt: '13' }],
        outputPlaceholderIds: [{ idStr: 'out' }],
        tags: ['role-tag'],
        description: 'role',
      },
    });
    const [action, clone] = (plan.role as { actions: Array<Record<string, unknown>> }).actions;
    expect(clone).toMatchObject({ command: 'clone', targetPlaceholderId: { id: { idInt: '10' } } });
    expect(action).toMatchObject({
      command: 'tf.add',
      targetId: { idInt: '2' },
      kwargs: { keepdim: { argBool: true } },
      returnIds: [{ idInt: '8' }],
      returnPlaceholderIds: [{ id: { idInt: '9' } }],
      args: [
        { argBool: false },
        { argInt: '-5' },
        { argFloat: 0.25 },
        { argStr: 'float32' },
        { argShape: { dims: [2, 3] } },
        {
          argTensor: {
            id: { idInt: '11' },
            contentsData: {
              shape: { dims: [1] },
              dtype: 'float64',
              isQuantized: true,
              scale: 0.5,
              zeroPoint: -3,
              contentsFloat64: [1],
            },
            chain: { contentsBin: 'AQI=', serializer: 'SERIALIZER_TORCH' },
            tags: ['t'],
            description: 'tensor',
            serializer: 'SERIALIZER_ALL',
          },
        },
        {
          argTorchParam: {
            id: { idInt: '3' },
            tensor: { contentsData: { contentsFloat64: [2] } },
            requiresGrad: true,
            grad: { contentsData: { contentsFloat64: [3] } },
          },
        },
        {
          argPointerTensor: {
            objectId: { idInt: '4' },
            locationId: { idStr: 'alice' },
            objectIdAtLocation: { idInt: '5' },
            shape: { dims: [1] },
            pointToAttr: 'grad',
            garbageCollectData: true,
          },
        },
        {
          argPlaceholder: { id: { idInt: '6' }, tags: ['#x'], description: 'p', expectedShape: {} },
        },
        { argPlaceholderId: { id: { idInt: '7' } } },
        { argList: { args: [{ argInt: '0' }, {}] } },
      ],
    });
  });

  test('the kitchen-sink plan survives our decode and both encoders byte for byte', () => {
    const bytes = encodePlan(KITCHEN_SINK);

    const ours = encodePlan(decodePlan(bytes));
    const reflection = PlanType.encode(PlanType.decode(bytes)).finish();

    expect(decodePlan(bytes)).toEqual(KITCHEN_SINK);
    expect(hex(ours)).toBe(hex(bytes));
    expect(hex(reflection)).toBe(hex(bytes));
  });

  test('every dtype lands in contents_<dtype> as reflection reads it', () => {
    const cases = [
      ['uint8', new Uint32Array([200]), 'contentsUint8', [200]],
      ['int8', new Int32Array([-7]), 'contentsInt8', [-7]],
      ['int16', new Int32Array([-300]), 'contentsInt16', [-300]],
      ['int32', new Int32Array([-70000]), 'contentsInt32', [-70000]],
      ['int64', new BigInt64Array([-(2n ** 40n)]), 'contentsInt64', [String(-(2n ** 40n))]],
      ['float16', new Float32Array([0.5]), 'contentsFloat16', [0.5]],
      ['float32', new Float32Array([1.5]), 'contentsFloat32', [1.5]],
      ['float64', new Float64Array([0.1]), 'contentsFloat64', [0.1]],
      ['bool', new Uint8Array([1]), 'contentsBool', [true]],
      ['qint8', new Int32Array([-2]), 'contentsQint8', [-2]],
      ['quint8', new Uint32Array([3]), 'contentsQuint8', [3]],
      ['qint32', new Int32Array([-4]), 'contentsQint32', [-4]],
      ['bfloat16', new Float32Array([2]), 'contentsBfloat16', [2]],
    ] as const;

    for (const [dtype, values, field, expected] of cases) {
      const data = { shape: [1], dtype, values, isQuantized: false, scale: 0, zeroPoint: 0 };
      const bytes = encodeState({
        placeholders: [],
        tensors: [
          {
            kind: 'tensor',
            tensor: { data, tags: [], description: '', serializer: TensorSerializer.ALL },
          },
        ],
      });

      const state = toObject(StateType, bytes) as {
        tensors: Array<{ torchTensor: { contentsData: Record<string, unknown> } }>;
      };

      expect(state.tensors[0]?.torchTensor.contentsData[field], dtype).toEqual(expected);
    }
  });
});
