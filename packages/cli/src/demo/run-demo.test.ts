import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import type { RunRecord } from '../report/run-record.js';
import { resolveDemoSettings } from './demo-settings.js';
import { PlainProgressView } from './progress-view.js';
import { runDemo } from './run-demo.js';

/** A stream that keeps what is written to it. */
function captureStream(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as NodeJS.WritableStream;
  return { stream, text: () => text };
}

describe('federated MNIST demo (small run through runDemo, as `syft demo mnist` calls it)', () => {
  it('two workers on a worker thread, two cycles: accuracy rises well above chance; report written', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'syft-demo-test-'));
    const settings = resolveDemoSettings({
      workers: 2,
      cycles: 2,
      examplesPerWorker: 1000,
      testExamples: 2000,
      batchSize: 10,
      lr: 0.1,
      threads: 1,
      gridDataDir: join(folder, 'grid'),
      reportPath: join(folder, 'report.html'),
    });
    const output = captureStream();

    const { run, reportPath } = await runDemo(settings, new PlainProgressView(output.stream));

    expect(run.cycles.map((c) => c.cycle)).toEqual([1, 2]);
    expect(run.initial.accuracy).toBeLessThan(0.2);
    expect(run.cycles[1]!.accuracy).toBeGreaterThan(0.5);
    expect(run.cycles[1]!.loss).toBeLessThan(run.initial.loss);
    expect(run.cycles.every((c) => c.workers === 2 && c.bytesMoved > 2 * 2 * 790_000)).toBe(true);
    expect(output.text()).toMatch(/cycle 2\/2 {2}accuracy +\d+\.\d\d%/);

    const html = await readFile(reportPath, 'utf8');
    const embedded = /<script type="application\/json" id="run-data">(.*?)<\/script>/s.exec(html);
    const fromReport = JSON.parse(embedded?.[1] ?? 'null') as RunRecord;
    expect(fromReport.cycles.map((c) => c.accuracy)).toEqual(run.cycles.map((c) => c.accuracy));
    expect(fromReport.settings['workers']).toBe(2);

    // Each checkpoint's scores were recorded on the grid for its dashboard.
    const book = JSON.parse(await readFile(join(folder, 'grid', 'evaluations.json'), 'utf8'));
    const recorded = JSON.stringify(book);
    for (const c of run.cycles) expect(recorded).toContain(String(c.accuracy));
  }, 300_000);

  it('non-IID on the calling thread: stops at the target accuracy when asked', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'syft-demo-test-'));
    const settings = resolveDemoSettings({
      workers: 4,
      perCycle: 2,
      cycles: 5,
      nonIid: true,
      examplesPerWorker: 300,
      testExamples: 500,
      threads: 0,
      targetAccuracy: 0.2,
      stopAtTarget: true,
      reportPath: join(folder, 'report.html'),
    });

    const { run } = await runDemo(settings, new PlainProgressView(captureStream().stream));

    expect(run.cycles.length).toBeLessThan(5);
    expect(run.target.reachedAtCycle).toBe(run.cycles.length);
    expect(run.settings['partitioning']).toBe('non-iid');
  }, 300_000);
});
