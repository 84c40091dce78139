import { describe, expect, it } from 'vitest';

import { PlainProgressView, formatCycleLine } from './progress-view.js';

const record = {
  cycle: 3,
  accuracy: 0.97123,
  loss: 0.0912,
  workers: 10,
  bytesMoved: 16_040_000,
  cycleSeconds: 12.34,
};

describe('progress view', () => {
  it('formats a cycle as one aligned line', () => {
    expect(formatCycleLine(record, 20)).toBe(
      'cycle  3/20  accuracy  97.12%  loss 0.0912  workers 10  moved 16.0 MB  time 12.3 s',
    );
  });

  it('plain mode prints a start line and one line per cycle, nothing per worker', () => {
    let text = '';
    const view = new PlainProgressView({
      write: (chunk: string) => ((text += chunk), true),
    } as NodeJS.WritableStream);

    view.begin(20, 10, { accuracy: 0.085, loss: 2.41 });
    view.workerReported(3, 1);
    view.cycleDone(record);
    view.end();

    expect(text.split('\n')).toEqual([
      'start: 20 cycles of 10 workers; initial accuracy 8.50%  loss 2.4100',
      formatCycleLine(record, 20),
      '',
    ]);
  });
});
