/**
 * A deliberately naive executor for tests: it runs a tfjs role the way syft.js 0.1.4 does
 * (`tf[lastDotComponent](...resolvedArgs)`), so a plan that passes here uses only public tfjs
 * ops with positional arguments.
 */
import * as tf from '@tensorflow/tfjs';
import type { Arg, Plan } from '@syft-ts/core';

type Value = tf.Tensor | number | boolean | string | null | Value[];

export function runEagerly(plan: Plan, inputs: (tf.Tensor | number)[]): tf.Tensor[] {
  const role = plan.role!;
  const scope = new Map<string, Value>();
  const key = (id: bigint | string): string => String(id);
  role.inputIds.forEach((id, i) => scope.set(key(id), inputs[i]!));
  const resolve = (arg: Arg): Value => {
    switch (arg.kind) {
      case 'placeholderId': {
        const v = scope.get(key(arg.value));
        if (v === undefined) throw new Error(`missing ${arg.value}`);
        return v;
      }
      case 'int':
        return Number(arg.value);
      case 'float':
      case 'bool':
      case 'str':
        return arg.value;
      case 'list':
        return arg.value.map(resolve);
      default:
        throw new Error(`unsupported arg ${arg.kind}`);
    }
  };
  return tf.tidy(() => {
    for (const action of role.actions) {
      const name = action.command.split('.').pop()!;
      const fn = (tf as any)[name];
      if (typeof fn !== 'function') throw new Error(`no tf.${name}`);
      const result = fn(...action.args.map(resolve), ...[...action.kwargs.values()].map(resolve));
      scope.set(key(action.returnPlaceholderIds[0]!), result);
    }
    return role.outputIds.map((id) => {
      const v = scope.get(key(id));
      return v instanceof tf.Tensor ? v : tf.scalar(v as number);
    });
  });
}
