import { describe, expect, test } from 'vitest';

import { base64ToBytes } from './base64.js';
import { hexToBytes } from './hex.js';
import { type State, TensorSerializer, type TorchTensor } from './messages.js';
import { decodeState, encodeState } from './state-codec.js';
import { STATE_VECTORS, hex, sameBytes, vectorBytes } from './vectors.test-helper.js';
import { WireFormatError } from './wire-format-error.js';

/** The annotated 61-byte BANDIT_SIMPLE_MODEL_PARAMS of wire-format.md §4.6. */
const ANNOTATED_BANDIT_PARAMS = hexToBytes(
  [
    '0a0d',
    '1a06',
    '088cfdaec82a',
    '3203',
    '0a0103',
    '122c',
    '0a2a',
    '0a07',
    '08e0d2cff0cb02',
    '121d',
    '0a030a0103',
    '1207',
    '666c6f61743332',
    'b2010c',
    '0000803f',
    '00000040',
    '00004040',
    '4004',
  ].join(''),
);

function floatTensor(id: bigint, shape: number[], values: number[]): TorchTensor {
  return {
    id,
    data: {
      shape,
      dtype: 'float32',
      values: new Float32Array(values),
      isQuantized: false,
      scale: 0,
      zeroPoint: 0,
    },
    tags: [],
    description: '',
    serializer: TensorSerializer.ALL,
  };
}

function stateOf(tensor: TorchTensor): State {
  return {
    placeholders: [{ id: 1n, tags: [], description: '' }],
    tensors: [{ kind: 'tensor', tensor }],
  };
}

describe('decodeState / encodeState', () => {
  test.each(STATE_VECTORS)('%s re-encodes to the identical bytes', (name) => {
    const bytes = vectorBytes(name);

    const encoded = encodeState(decodeState(bytes));

    expect(hex(encoded)).toBe(hex(bytes));
  });

  test('BANDIT_SIMPLE_MODEL_PARAMS is the annotated 61-byte example of the spec', () => {
    const bytes = vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS');

    const state = decodeState(bytes);

    expect(hex(bytes)).toBe(hex(ANNOTATED_BANDIT_PARAMS));
    expect(bytes.length).toBe(61);
    expect(state.placeholders).toEqual([
      { id: 11426053772n, tags: [], description: '', expectedShape: [3] },
    ]);
    expect(state.tensors).toEqual([
      { kind: 'tensor', tensor: floatTensor(89088321888n, [3], [1, 2, 3]) },
    ]);
    expect(
      state.tensors[0]?.kind === 'tensor' && state.tensors[0].tensor.data?.values,
    ).toBeInstanceOf(Float32Array);
  });

  test('an id above 2^53 and a negative id keep full int64 precision', () => {
    const big = 2n ** 63n - 1n;
    const state = stateOf(floatTensor(-(2n ** 63n), [1], [5]));
    state.placeholders[0]!.id = big;

    const decoded = decodeState(encodeState(state));

    expect(decoded.placeholders[0]?.id).toBe(big);
    expect(decoded.tensors[0]?.kind === 'tensor' && decoded.tensors[0].tensor.id).toBe(
      -(2n ** 63n),
    );
  });

  test('a string id round-trips as a string', () => {
    const state = stateOf(floatTensor(1n, [1], [5]));
    state.placeholders[0]!.id = 'worker1';

    const decoded = decodeState(encodeState(state));

    expect(decoded.placeholders[0]?.id).toBe('worker1');
  });

  test('a scalar tensor: absent, empty and written shapes all read as []', () => {
    const written = encodeState(stateOf(floatTensor(7n, [], [2.5])));
    // TensorData{dtype:"float32", contents_float32:[2.5]} without any shape field.
    const data = hexToBytes('1207666c6f61743332' + 'b2010400002040');
    const shapeless = wrap(0x12, wrap(0x0a, new Uint8Array([...wrap(0x12, data), 0x40, 0x04])));

    const fromWritten = decodeState(written).tensors[0];
    const fromShapeless = decodeState(shapeless).tensors[0];

    for (const entry of [fromWritten, fromShapeless]) {
      expect(entry?.kind === 'tensor' && entry.tensor.data?.shape).toEqual([]);
      expect(entry?.kind === 'tensor' && entry.tensor.data?.values).toEqual(
        new Float32Array([2.5]),
      );
    }
  });

  test('unpacked repeated floats are accepted, also mixed with a packed run', () => {
    // TensorData: shape [3], dtype float32, then 1.0 unpacked (b5 01), [2.0, 3.0] packed.
    const data = '0a030a0103' + '1207666c6f61743332' + 'b5010000803f' + 'b201080000004000004040';
    const tensor = '12' + (data.length / 2).toString(16).padStart(2, '0') + data + '4004';
    const entry = '0a' + (tensor.length / 2).toString(16).padStart(2, '0') + tensor;
    const bytes = hexToBytes('12' + (entry.length / 2).toString(16).padStart(2, '0') + entry);

    const state = decodeState(bytes);

    const decoded = state.tensors[0];
    expect(decoded?.kind === 'tensor' && decoded.tensor.data?.values).toEqual(
      new Float32Array([1, 2, 3]),
    );
  });

  test('contents at an unaligned offset decode correctly', () => {
    const state = stateOf(floatTensor(3n, [2, 2], [0.5, -1.25, 3e-8, 1e30]));
    const encoded = encodeState(state);
    const shifted = new Uint8Array(encoded.length + 3).subarray(3);
    shifted.set(encoded);

    const decoded = decodeState(shifted);

    expect(decoded).toEqual(decodeState(encoded));
    expect(decoded.tensors[0]?.kind === 'tensor' && decoded.tensors[0].tensor.data?.values).toEqual(
      new Float32Array([0.5, -1.25, 3e-8, 1e30]),
    );
  });

  test('every dtype round-trips with its typed array', () => {
    const cases = [
      { dtype: 'uint8', values: new Uint32Array([0, 7, 255]) },
      { dtype: 'int8', values: new Int32Array([-128, 0, 127]) },
      { dtype: 'int16', values: new Int32Array([-32768, 1, 32767]) },
      { dtype: 'int32', values: new Int32Array([-2147483648, 0, 2147483647]) },
      { dtype: 'int64', values: new BigInt64Array([-(2n ** 63n), 0n, 2n ** 62n + 3n]) },
      { dtype: 'float16', values: new Float32Array([0.5, -2, 65504]) },
      { dtype: 'float32', values: new Float32Array([1.5, -0, Number.NaN]) },
      { dtype: 'float64', values: new Float64Array([0.1, -1e300, Number.POSITIVE_INFINITY]) },
      { dtype: 'bool', values: new Uint8Array([1, 0, 1]) },
      { dtype: 'qint8', values: new Int32Array([-128, -1, 127]) },
      { dtype: 'quint8', values: new Uint32Array([0, 128, 255]) },
      { dtype: 'qint32', values: new Int32Array([-2147483648, -1, 2147483647]) },
      { dtype: 'bfloat16', values: new Float32Array([1, 2, 3]) },
    ] as const;

    for (const { dtype, values } of cases) {
      const tensor = floatTensor(1n, [3], []);
      tensor.data = { ...tensor.data!, dtype, values };

      const decoded = decodeState(encodeState(stateOf(tensor))).tensors[0];

      expect(decoded?.kind === 'tensor' && decoded.tensor.data?.values, dtype).toEqual(values);
    }
  });

  test('a long tag with a leading byte-order mark and non-ASCII text keeps every byte', () => {
    const state = stateOf(floatTensor(1n, [1], [1]));
    const tag = '\uFEFF' + 'Zürich – 東京 '.repeat(8);
    state.placeholders[0]!.tags = [tag, '\uFEFFshort'];

    const bytes = encodeState(state);

    expect(decodeState(bytes).placeholders[0]?.tags).toEqual([tag, '\uFEFFshort']);
    expect(hex(encodeState(decodeState(bytes)))).toBe(hex(bytes));
  });

  test('a Parameter entry round-trips', () => {
    const state: State = {
      placeholders: [],
      tensors: [
        {
          kind: 'parameter',
          parameter: { id: 9n, tensor: floatTensor(2n, [1], [4]), requiresGrad: true },
        },
      ],
    };

    const decoded = decodeState(encodeState(state));

    expect(decoded).toEqual(state);
  });

  test('unknown fields are skipped', () => {
    const bytes = vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS');
    // Field 15 varint 1, field 14 fixed64, field 13 fixed32, field 12 bytes, a group 11.
    const extra = hexToBytes(
      '7801' + '710102030405060708' + '6d01020304' + '6202abcd' + '5b0801' + '5c',
    );
    const withExtra = new Uint8Array([...extra, ...bytes]);

    const state = decodeState(withExtra);

    expect(state).toEqual(decodeState(bytes));
  });

  test('a State of 311k float32 values decodes into one Float32Array', () => {
    const values = new Float32Array(311_000).map((_, i) => i / 7);
    const tensor = floatTensor(1n, [311, 1000], []);
    tensor.data!.values = values;
    const bytes = encodeState(stateOf(tensor));

    const decoded = decodeState(bytes).tensors[0];

    const decodedValues = decoded?.kind === 'tensor' ? decoded.tensor.data?.values : undefined;
    expect(decodedValues).toBeInstanceOf(Float32Array);
    expect(sameBytes(decodedValues!, values)).toBe(true);
  });
});

describe('decodeState rejects malformed bytes with WireFormatError', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['a truncated vector', '0a0d1a0608', /truncated varint|exceeds/],
    ['a forged huge length', '0affffffff0f', /length 4294967295 exceeds the 0 bytes left/],
    [
      'a wrong wire type for placeholders',
      '0801',
      /State\.placeholders: expected wire type length-delimited, got varint/,
    ],
    ['an invalid wire type', '0f', /invalid wire type 7/],
    ['field number 0', '0001', /invalid field number/],
    [
      'a varint longer than 10 bytes',
      '08ffffffffffffffffffff01',
      /longer than 10 bytes|expected wire type/,
    ],
  ];

  test.each(cases)('%s', (_, bytesHex, message) => {
    const bytes = hexToBytes(bytesHex);

    const decode = () => decodeState(bytes);

    expect(decode).toThrow(WireFormatError);
    expect(decode).toThrow(message);
    expect(decode).toThrow(/^syft_proto\.execution\.v1\.State: /);
  });

  test('an unknown dtype names the dtype and the message path', () => {
    const bytes = base64ToBytes(
      encodeBase64Replace(vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS'), 'float32', 'float99'),
    );

    expect(() => decodeState(bytes)).toThrow(/unknown dtype "float99".*contents_data/);
  });

  test('contents that do not match the shape are refused', () => {
    const bytes = vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS').slice();
    expect(hex(bytes.subarray(28, 35))).toBe('121d0a030a0103'); // TensorData.shape dims [3]
    bytes[34] = 0x04;

    expect(() => decodeState(bytes)).toThrow(
      /contents_float32 holds 3 values, shape \[4\] needs 4/,
    );
  });

  test('values in another dtype’s contents field are refused', () => {
    const bytes = base64ToBytes(
      encodeBase64Replace(vectorBytes('BANDIT_SIMPLE_MODEL_PARAMS'), 'float32', 'float16'),
    );

    expect(() => decodeState(bytes)).toThrow(/values in contents_float32 but dtype is "float16"/);
  });

  test('deep nesting is refused without exhausting the stack', () => {
    // A Placeholder whose child tensor chains 200 times.
    let inner: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 200; i++) inner = wrap(0x22, inner); // TorchTensor.chain
    const bytes = wrap(0x0a, wrap(0x0a, inner));

    expect(() => decodeState(bytes)).toThrow(/nested deeper than 100/);
  });

  test('a non-Uint8Array input is refused', () => {
    expect(() => decodeState('abc' as unknown as Uint8Array)).toThrow(
      /expected a Uint8Array, got string/,
    );
  });
});

describe('encodeState refuses messages it cannot encode', () => {
  test('values that do not fit the shape', () => {
    const state = stateOf(floatTensor(1n, [4], [1, 2, 3]));

    expect(() => encodeState(state)).toThrow(
      /^syft_proto\.execution\.v1\.State: cannot encode: TensorData: 3 values, shape \[4\] needs 4/,
    );
  });

  test('a typed array that does not match the dtype', () => {
    const state = stateOf(floatTensor(1n, [1], [1]));
    const entry = state.tensors[0]!;
    if (entry.kind === 'tensor') entry.tensor.data!.dtype = 'int32';

    expect(() => encodeState(state)).toThrow(
      /values for dtype "int32" must be a Int32Array, got Float32Array/,
    );
  });
});

describe('encodeState checks ids, dims and ownership', () => {
  test('an id outside int64 or of the wrong type is refused', () => {
    const tooBig = stateOf(floatTensor(2n ** 63n, [1], [1]));
    const numeric = stateOf(floatTensor(1n, [1], [1]));
    numeric.placeholders[0]!.id = 5 as unknown as bigint;

    expect(() => encodeState(tooBig)).toThrow(
      /expected a bigint in the int64 range, got 9223372036854775808/,
    );
    expect(() => encodeState(numeric)).toThrow(/Id: expected a bigint or a string, got number/);
  });

  test('an expected shape dim that is not an int32 is refused', () => {
    const state = stateOf(floatTensor(1n, [1], [1]));
    state.placeholders[0]!.expectedShape = [2 ** 31];

    expect(() => encodeState(state)).toThrow(/2147483648 is not an int32/);
  });

  test('the result owns its whole buffer, even for a small message', () => {
    const bytes = encodeState(stateOf(floatTensor(1n, [1], [1])));

    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(bytes.length);
  });
});

function wrap(key: number, payload: Uint8Array): Uint8Array {
  const length: number[] = [];
  let n = payload.length;
  while (n > 0x7f) {
    length.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  length.push(n);
  return new Uint8Array([key, ...length, ...payload]);
}

function encodeBase64Replace(bytes: Uint8Array, from: string, to: string): string {
  const text = new TextDecoder('latin1').decode(bytes).replace(from, to);
  return Buffer.from(text, 'latin1').toString('base64');
}
