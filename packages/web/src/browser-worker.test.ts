import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { buildWebAssets } from './build/build-web-assets.js';
import {
  BATCH_SIZE,
  browserSkipReason,
  hostMnist2nn,
  launchChromium,
  screenshotPath,
  startTestGrid,
  type TestGrid,
} from './browser.test-helper.js';

if (browserSkipReason !== undefined) console.warn(browserSkipReason);

/** Opens a page and waits for its load event before anything long starts. */
async function open(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

async function cycles(grid: TestGrid, processId: number): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${grid.url}/api/processes/${processId}/cycles`);
  return (await response.json()) as Record<string, unknown>[];
}

describe.skipIf(browserSkipReason !== undefined)(
  'the browser worker and dashboard',
  { timeout: 100_000 },
  () => {
    let grid: TestGrid;
    let browser: Awaited<ReturnType<typeof launchChromium>>;

    beforeAll(async () => {
      await buildWebAssets();
      grid = await startTestGrid();
      await hostMnist2nn(grid, 'mnist-browser');
      await hostMnist2nn(grid, 'mnist-resume');
      browser = await launchChromium();
    }, 90_000);

    afterAll(async () => {
      await browser?.dispose();
      await grid?.stop();
    });

    it('trains a cycle in the browser while the open dashboard shows the cycle close live', async () => {
      const batches = 20;
      const dashboard = await open(browser, `${grid.url}/dashboard?interval=300`);
      const cycleRow = (status: string): string =>
        `[data-process="1"] tr[data-cycle="1"][data-status="${status}"]`;
      await dashboard.locator(cycleRow('open')).waitFor({ timeout: 15_000 });
      const worker = await open(
        browser,
        `${grid.url}/worker?model=mnist-browser&version=1.0.0&count=${batches * BATCH_SIZE}`,
      );
      await worker.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });

      await worker.click('#start');
      await worker.waitForSelector('body[data-state="reported"]', { timeout: 60_000 });
      await worker.screenshot({ path: screenshotPath('worker-reported') });
      await dashboard.locator(cycleRow('closed')).waitFor({ timeout: 15_000 });
      const evaluation = await fetch(`${grid.url}/api/processes/1/checkpoints/2/evaluation`, {
        method: 'POST',
        headers: { authorization: `Bearer ${grid.ownerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ accuracy: 0.8125, loss: 0.61, examples: 1000 }),
      });
      const evaluationRow = dashboard.locator('[data-process="1"] tr[data-checkpoint="2"]');
      await evaluationRow.waitFor({ timeout: 15_000 });
      await dashboard.screenshot({
        path: screenshotPath('dashboard-cycle-closed'),
        fullPage: true,
      });

      expect(await worker.locator('#progress').getAttribute('data-points')).toBe(String(batches));
      expect(await worker.locator('#backend').textContent()).toMatch(/^(webgl|wasm|cpu)$/);
      expect(await dashboard.locator(cycleRow('closed')).locator('td').nth(6).textContent()).toBe(
        '1',
      );
      expect(
        await dashboard
          .locator('[data-process="1"] tr[data-role="workers"] td')
          .first()
          .textContent(),
      ).toBe('1');
      expect(evaluation.status).toBe(200);
      expect(await evaluationRow.locator('td').nth(1).textContent()).toBe('0.813');
      expect((await cycles(grid, 1))[0]).toMatchObject({ status: 'completed', reports: 1 });
      await worker.close();
      await dashboard.close();
    });

    it('shows a clear message when the worker page address names no process', async () => {
      const page = await open(browser, `${grid.url}/worker?version=1.0.0`);

      await page.waitForSelector('body[data-state="failed"]', { timeout: 15_000 });

      expect(await page.locator('#status').textContent()).toContain("needs '?model='");
      await page.close();
    });

    it('stops training, keeps the checkpoint across a reload, and resumes from it', async () => {
      const batches = 100;
      const url = `${grid.url}/worker?model=mnist-resume&version=1.0.0&backend=wasm&count=${batches * BATCH_SIZE}`;
      const page = await open(browser, url);
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });

      await page.click('#start');
      // Stop from inside the page as soon as a few batches are done, before training ends.
      await page.evaluate(
        () =>
          new Promise<void>((resolve) => {
            const timer = setInterval(() => {
              const points = Number(document.getElementById('progress')?.dataset.points ?? 0);
              if (points < 5) return;
              clearInterval(timer);
              document.getElementById('stop')?.click();
              resolve();
            }, 1);
          }),
      );
      await page.waitForSelector('body[data-state="stopped"]', { timeout: 30_000 });
      const stoppedAt = Number(await page.locator('#checkpoint').getAttribute('data-batch'));
      await page.reload({ waitUntil: 'load' });
      await page.waitForSelector('body[data-state="ready"]', { timeout: 30_000 });
      const restoredAt = Number(await page.locator('#checkpoint').getAttribute('data-batch'));
      await page.screenshot({ path: screenshotPath('worker-restored-after-reload') });
      await page.click('#resume');
      await page.waitForSelector('body[data-state="training"]', { timeout: 30_000 });
      const resumeNote = await page.locator('#status').textContent();
      await page.waitForSelector('body[data-state="reported"]', { timeout: 60_000 });
      await page.screenshot({ path: screenshotPath('worker-resumed-and-reported') });

      expect(await page.locator('#backend').textContent()).toBe('wasm');
      expect(stoppedAt).toBeGreaterThanOrEqual(5);
      expect(stoppedAt).toBeLessThan(batches);
      expect(restoredAt).toBe(stoppedAt);
      expect(resumeNote).toContain(
        `resuming the saved checkpoint at epoch 1, batch ${stoppedAt + 1}`,
      );
      // Saved points before the stop plus new ones after the resume: every batch exactly once.
      expect(await page.locator('#progress').getAttribute('data-points')).toBe(String(batches));
      expect(await page.locator('#checkpoint').getAttribute('data-saved')).toBe('none');
      expect((await cycles(grid, 2))[0]).toMatchObject({ status: 'completed', reports: 1 });
      await page.close();
    });
  },
);
