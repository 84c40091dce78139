import { describe, expect, it } from 'vitest';
import type { CycleSummary, ProcessSummary } from './grid-api.js';
import { countWorkers, describeProcess, describeRejections } from './process-view.js';

const cycle = (overrides: Partial<CycleSummary>): CycleSummary => ({
  sequence: 1,
  status: 'completed',
  started_at: '2026-01-01T00:00:00.000Z',
  deadline: '2026-01-01T01:00:00.000Z',
  closed_at: '2026-01-01T00:10:00.000Z',
  admitted: 0,
  reports: 0,
  rejected: {},
  checkpoint_number: 2,
  ...overrides,
});

describe('the dashboard summaries', () => {
  it('sums accepted workers, reports and rejections by reason over cycles', () => {
    const counts = countWorkers([
      cycle({ admitted: 3, reports: 2, rejected: { cycle_full: 1 } }),
      cycle({ sequence: 2, admitted: 1, reports: 1, rejected: { cycle_full: 2, unauthorized: 1 } }),
    ]);

    expect(counts).toEqual({
      accepted: 4,
      reports: 3,
      rejected: { cycle_full: 3, unauthorized: 1 },
    });
  });

  it('describes rejections in words, or none', () => {
    expect(describeRejections({ already_participated: 2, cycle_full: 0 })).toBe(
      'already participated 2',
    );
    expect(describeRejections({})).toBe('none');
  });

  it('describes a running process with unlimited cycles and a complete one', () => {
    const running: ProcessSummary = {
      id: 1,
      name: 'mnist',
      version: '1.0.0',
      status: 'running',
      num_cycles: 0,
      cycles_completed: 1,
      current_cycle: 2,
      checkpoints: [1, 2],
    };

    expect(describeProcess(running)).toBe(
      'Running: cycle 2 open, 1 of unlimited cycles completed; checkpoints 1, 2.',
    );
    expect(
      describeProcess({ ...running, status: 'complete', num_cycles: 2, current_cycle: null }),
    ).toBe('Complete: no open cycle, 1 of 2 cycles completed; checkpoints 1, 2.');
  });
});
