import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mnist2nn } from '@syft-ts/author';
import { hostTraining } from '@syft-ts/client';
import type { GridHandle } from '@syft-ts/grid';
import { chromium, type BrowserContext } from 'playwright-core';
import {
  type TestGrid,
  startTestGrid as startSharedTestGrid,
} from '../../../test-support/grid/test-grid.js';

/** The Chromium the browser tests drive (CI installs it with apt). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Why the browser tests are skipped, or undefined when they can run. */
export const browserSkipReason = existsSync(CHROMIUM_PATH)
  ? undefined
  : `browser tests skipped: ${CHROMIUM_PATH} is missing (install it: apt-get install -y chromium)`;

/** Where test screenshots go (gitignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../../.artifacts/screenshots/', import.meta.url),
);

/** A headless Chromium with a fresh profile that `close()` removes. */
export async function launchChromium(): Promise<BrowserContext & { dispose(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'syft-web-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return Object.assign(context, {
    dispose: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  });
}

/** A real grid for these tests (shared with the other packages' tests). */
export type { TestGrid } from '../../../test-support/grid/test-grid.js';

/** Starts a real grid on a free loopback port, logging nothing. */
export function startTestGrid(): Promise<TestGrid> {
  return startSharedTestGrid('syft-web-grid-');
}

/** The batch size of the hosted 2NN plan (traced into the plan, so also the client's). */
export const BATCH_SIZE = 32;

/**
 * Hosts an MNIST 2NN process built with @syft-ts/author: one epoch per cycle, a cycle closes
 * at its first report.
 */
export async function hostMnist2nn(grid: GridHandle, name: string): Promise<void> {
  const built = mnist2nn({ seed: 1, batchSize: BATCH_SIZE });
  await hostTraining(grid.wsUrl, grid.ownerToken, {
    name,
    version: '1.0.0',
    model: built.state,
    plans: { training_plan: built.trainingPlan },
    clientConfig: { batch_size: BATCH_SIZE, lr: 0.1, max_epochs: 1 },
    serverConfig: { cycle_length: 3600, max_diffs: 1, min_diffs: 1, num_cycles: 3 },
    verbose: true,
  });
}

/** A screenshot path under .artifacts/screenshots/, creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
