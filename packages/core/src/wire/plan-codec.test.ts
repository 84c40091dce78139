import { describe, expect, test } from 'vitest';

import { decodePlan, encodePlan } from './plan-codec.js';
import { PLAN_VECTORS, hex, vectorBytes } from './vectors.test-helper.js';

describe('decodePlan / encodePlan', () => {
  test.each(PLAN_VECTORS)('%s re-encodes to the identical bytes', (name) => {
    const bytes = vectorBytes(name);

    const encoded = encodePlan(decodePlan(bytes));

    expect(hex(encoded)).toBe(hex(bytes));
  });

  test('PLAN_WITH_STATE carries its tfjs role, its state [4.2, 7.3] and both translations', () => {
    const bytes = vectorBytes('PLAN_WITH_STATE');

    const plan = decodePlan(bytes);

    expect(plan.name).toBe('plan_with_state');
    expect(plan.baseFramework).toBe('tfjs');
    expect(plan.includeState).toBe(true);
    expect([...plan.roles.keys()]).toEqual(['torch', 'tfjs']);
    const state = plan.role?.state;
    expect(state?.placeholders[0]?.id).toBe(9694480215n);
    const entry = state?.tensors[0];
    expect(entry?.kind).toBe('tensor');
    if (entry?.kind !== 'tensor') return;
    expect(entry.tensor.id).toBe(57478316125n);
    expect(entry.tensor.data?.dtype).toBe('float32');
    expect(entry.tensor.data?.shape).toEqual([2]);
    expect(entry.tensor.data?.values).toEqual(new Float32Array([4.2, 7.3]));
  });

  test('the executed role equals roles.tfjs, byte for byte', () => {
    const plan = decodePlan(vectorBytes('BANDIT_SIMPLE_PLAN'));

    const roleOnly = encodePlan({ ...plan, roles: new Map(), role: plan.role });
    const tfjsOnly = encodePlan({ ...plan, roles: new Map(), role: plan.roles.get('tfjs') });

    expect(hex(roleOnly)).toBe(hex(tfjsOnly));
  });

  test('tfjs role actions keep commands, placeholder-id args, int args and one return id', () => {
    const plan = decodePlan(vectorBytes('PLAN_WITH_STATE'));

    const actions = plan.role?.actions ?? [];

    expect(actions.map((action) => action.command)).toContain('tf.add');
    for (const action of actions) {
      expect(action.target).toBeUndefined();
      expect(action.returnPlaceholderIds).toHaveLength(1);
      expect(typeof action.returnPlaceholderIds[0]).toBe('bigint');
    }
    expect(actions[0]?.args.every((arg) => arg.kind === 'placeholderId')).toBe(true);
  });

  test('the torch role keeps method-call targets as placeholder ids', () => {
    const plan = decodePlan(vectorBytes('PLAN_WITH_STATE'));

    const targets = (plan.roles.get('torch')?.actions ?? []).map((action) => action.target?.kind);

    expect(targets).toContain('placeholderId');
  });

  test('input_types and torchscript are kept as opaque bytes', () => {
    const plan = decodePlan(vectorBytes('BANDIT_THOMPSON_PLAN'));

    expect(plan.inputTypes?.length).toBeGreaterThan(0);
    expect(plan.torchscript?.length).toBeGreaterThan(1000);
  });

  test('a plan trimmed like PyGrid’s tfjs download encodes and decodes to the same plan', () => {
    const plan = decodePlan(vectorBytes('BANDIT_THOMPSON_PLAN'));
    const trimmed = { ...plan, roles: new Map(), torchscript: undefined };

    const again = decodePlan(encodePlan(trimmed));

    expect(again.roles.size).toBe(0);
    expect(again.torchscript).toBeUndefined();
    expect(again.role).toEqual(plan.role);
  });
});
