import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { renderRunReport, writeRunReport } from './html-report.js';
import { type RunRecord, firstCycleReaching } from './run-record.js';

/** The system Chromium the browser checks use (as packages/web's tests do). */
const CHROMIUM_PATH = '/usr/bin/chromium';

const run: RunRecord = {
  title: 'Federated MNIST <test>',
  startedAt: '2026-12-03T17:00:00.000Z',
  settings: { workers: 10, partitioning: 'iid', lr: 0.05 },
  initial: { accuracy: 0.1, loss: 2.3 },
  cycles: [
    { cycle: 1, accuracy: 0.91, loss: 0.31, workers: 10, bytesMoved: 16e6, cycleSeconds: 12.5 },
    { cycle: 2, accuracy: 0.955, loss: 0.15, workers: 10, bytesMoved: 16e6, cycleSeconds: 11.9 },
  ],
  wallSeconds: 30.2,
  target: { accuracy: 0.95, reachedAtCycle: 2 },
};

/** The JSON embedded in the report, parsed back. */
const embeddedRun = (html: string): RunRecord => {
  const match = /<script type="application\/json" id="run-data">(.*?)<\/script>/s.exec(html);
  return JSON.parse(match?.[1] ?? 'null') as RunRecord;
};

describe('HTML run report', () => {
  it('embeds the per-cycle data, a table row per cycle and the settings', () => {
    const html = renderRunReport(run);

    expect(embeddedRun(html)).toEqual(run);
    expect(html).toContain('<td>2</td><td>95.50%</td><td>0.1500</td>');
    expect(html).toContain('<th>partitioning</th><td>iid</td>');
    expect(html).toContain('target 95.00% reached at cycle 2');
  });

  it('inlines Chart.js so it opens offline, and loads nothing from the network', () => {
    const html = renderRunReport(run);

    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/[^"' ]+\.js/);
  });

  it('escapes text from the settings and the title', () => {
    const html = renderRunReport({ ...run, settings: { note: '</script><b>' } });

    expect(html).toContain('<title>Federated MNIST &lt;test&gt;</title>');
    expect(html).toContain('&lt;/script&gt;&lt;b&gt;');
    expect(embeddedRun(html).settings).toEqual({ note: '</script><b>' });
  });

  it('writes the file, creating its folder, and returns the absolute path', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'report-'));

    const path = await writeRunReport(join(folder, 'nested', 'run.html'), run);

    expect(path).toBe(join(folder, 'nested', 'run.html'));
    expect(embeddedRun(await readFile(path, 'utf8')).cycles).toHaveLength(2);
  });

  it('finds the first cycle reaching a target accuracy', () => {
    expect(firstCycleReaching(run.cycles, 0.9)).toBe(1);
    expect(firstCycleReaching(run.cycles, 0.95)).toBe(2);
    expect(firstCycleReaching(run.cycles, 0.97)).toBeNull();
  });

  it.skipIf(!existsSync(CHROMIUM_PATH))(
    'draws the chart offline in a real browser (Chromium, no network), with no script error',
    async () => {
      const path = await writeRunReport(
        join(await mkdtemp(join(tmpdir(), 'report-')), 'r.html'),
        run,
      );
      const browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: ['--no-sandbox'],
      });
      const errors: string[] = [];

      let drawn: number[] = [];
      try {
        const context = await browser.newContext({ offline: true });
        const page = await context.newPage();
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(`file://${path}`);
        drawn = await page.evaluate(() =>
          (
            window as unknown as {
              Chart: { getChart(id: string): { data: { datasets: { data: number[] }[] } } };
            }
          ).Chart.getChart('chart').data.datasets.map((dataset) => dataset.data.length),
        );
      } finally {
        await browser.close();
      }

      expect(errors).toEqual([]);
      expect(drawn).toEqual([3, 3]);
    },
    60_000,
  );
});
