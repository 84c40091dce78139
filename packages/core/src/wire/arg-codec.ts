/** Codec for `types.syft.v1.Arg` and `ArgList`. */
import {
  readDims,
  readPlaceholderId,
  writeDimsField,
  writePlaceholderIdField,
} from './id-codec.js';
import type { Arg } from './messages.js';
import { readPlaceholder, writePlaceholder } from './placeholder-codec.js';
import { readPointerTensor, writePointerTensor } from './pointer-codec.js';
import { readParameter, readTorchTensor, writeParameter, writeTorchTensor } from './torch-codec.js';
import type { WireReader } from './wire-reader.js';
import { type WireWriter, cannotEncode } from './wire-writer.js';

/** Reads an `Arg`; an Arg with its oneof unset is `{ kind: 'none' }`. */
export function readArg(r: WireReader): Arg {
  let arg: Arg = { kind: 'none' };
  while (r.more()) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        arg = { kind: 'bool', value: r.bool(tag, 'Arg.arg_bool') };
        break;
      case 2:
        arg = { kind: 'int', value: r.int64(tag, 'Arg.arg_int') };
        break;
      case 3:
        arg = { kind: 'float', value: r.float(tag, 'Arg.arg_float') };
        break;
      case 4:
        arg = { kind: 'str', value: r.string(tag, 'Arg.arg_str') };
        break;
      case 5:
        arg = { kind: 'shape', value: r.message(tag, 'Arg.arg_shape', readDims) };
        break;
      case 6:
        arg = { kind: 'tensor', value: r.message(tag, 'Arg.arg_tensor', readTorchTensor) };
        break;
      case 7:
        arg = { kind: 'param', value: r.message(tag, 'Arg.arg_torch_param', readParameter) };
        break;
      case 8:
        arg = {
          kind: 'pointer',
          value: r.message(tag, 'Arg.arg_pointer_tensor', readPointerTensor),
        };
        break;
      case 9:
        arg = {
          kind: 'placeholder',
          value: r.message(tag, 'Arg.arg_placeholder', readPlaceholder),
        };
        break;
      case 10:
        arg = {
          kind: 'placeholderId',
          value: r.message(tag, 'Arg.arg_placeholder_id', readPlaceholderId),
        };
        break;
      case 11:
        arg = { kind: 'list', value: r.message(tag, 'Arg.arg_list', readArgList) };
        break;
      default:
        r.skip(tag);
    }
  }
  return arg;
}

/** Reads an `ArgList` and returns its args. */
function readArgList(r: WireReader): Arg[] {
  const args: Arg[] = [];
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 === 1) args.push(r.message(tag, 'ArgList.args', readArg));
    else r.skip(tag);
  }
  return args;
}

/** Writes the fields of an `Arg` (a oneof member is written even when it holds a default). */
export function writeArg(w: WireWriter, arg: Arg): void {
  switch (arg.kind) {
    case 'bool':
      return w.bool(1, arg.value);
    case 'int':
      return w.int64(2, arg.value);
    case 'float':
      return w.float(3, arg.value);
    case 'str':
      return w.string(4, arg.value);
    case 'shape':
      return writeDimsField(w, 5, arg.value);
    case 'tensor':
      return w.message(6, () => writeTorchTensor(w, arg.value));
    case 'param':
      return w.message(7, () => writeParameter(w, arg.value));
    case 'pointer':
      return w.message(8, () => writePointerTensor(w, arg.value));
    case 'placeholder':
      return w.message(9, () => writePlaceholder(w, arg.value));
    case 'placeholderId':
      return writePlaceholderIdField(w, 10, arg.value);
    case 'list':
      return w.message(11, () => {
        for (const item of arg.value) w.message(1, () => writeArg(w, item));
      });
    case 'none':
      return;
    default:
      cannotEncode(`Arg: unknown kind ${JSON.stringify((arg as { kind: unknown }).kind)}`);
  }
}
