import fc from 'fast-check';
import { describe, expect, test } from 'vitest';

import { planArbitrary, stateArbitrary } from './message-arbitraries.test-helper.js';
import { decodePlan, encodePlan } from './plan-codec.js';
import { decodeState, encodeState } from './state-codec.js';

describe('any in-memory message survives encode then decode', () => {
  test('State', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        const decoded = decodeState(encodeState(state));

        expect(decoded).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });

  test('Plan', () => {
    fc.assert(
      fc.property(planArbitrary, (plan) => {
        const bytes = encodePlan(plan);

        const decoded = decodePlan(bytes);

        expect(decoded).toEqual(plan);
        expect(encodePlan(decoded)).toEqual(bytes);
      }),
      { numRuns: 150 },
    );
  });
});
