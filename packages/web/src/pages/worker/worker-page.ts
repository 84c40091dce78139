/**
 * The worker page (`/worker?model=…&version=…`): a browser tab that joins training of a hosted
 * process with the browser build of the worker library. See docs/browser.md.
 */
import { selectBackend, setWasmPaths } from '../../browser/syft-browser.js';
import { PageMarkupError } from '../../errors.js';
import { CheckpointStore, type BatchPoint, type SavedTraining } from './checkpoint-store.js';
import { fetchMnistSlice, type MnistSlice } from './mnist-slice.js';
import { ProgressChart } from './progress-chart.js';
import { WorkerSession, type SessionState } from './worker-session.js';
import { readWorkerSettings, trainingKey, type WorkerPageSettings } from './worker-settings.js';

/** The page's elements, by id. */
const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (found === null) throw new PageMarkupError(id);
  return found as T;
};

const ui = {
  process: element<HTMLElement>('process'),
  backend: element<HTMLElement>('backend'),
  status: element<HTMLElement>('status'),
  progress: element<HTMLElement>('progress'),
  checkpoint: element<HTMLElement>('checkpoint'),
  start: element<HTMLButtonElement>('start'),
  stop: element<HTMLButtonElement>('stop'),
  resume: element<HTMLButtonElement>('resume'),
  discard: element<HTMLButtonElement>('discard'),
  chart: element<HTMLCanvasElement>('chart'),
};

type PageState = 'loading' | 'ready' | SessionState;

const BUSY: readonly PageState[] = ['loading', 'requesting', 'stopping', 'reporting'];

/** What the page is doing and what it holds. */
interface PageModel {
  settings: WorkerPageSettings;
  store: CheckpointStore;
  slice: MnistSlice;
  chart: ProgressChart;
  session: WorkerSession | undefined;
  saved: SavedTraining | undefined;
  state: PageState;
}

function showStatus(state: PageState, detail: string): void {
  document.body.dataset.state = state;
  ui.status.dataset.state = state;
  ui.status.textContent = detail;
}

function showSaved(saved: SavedTraining | undefined): void {
  ui.checkpoint.dataset.saved = saved === undefined ? 'none' : 'yes';
  if (saved === undefined) {
    ui.checkpoint.textContent = 'No saved checkpoint.';
    return;
  }
  const { epoch, batch } = saved.checkpoint;
  ui.checkpoint.dataset.epoch = String(epoch);
  ui.checkpoint.dataset.batch = String(batch);
  ui.checkpoint.textContent =
    `Saved checkpoint from ${new Date(saved.savedAtMs).toLocaleTimeString()}: ` +
    `resumes at epoch ${epoch + 1}, batch ${batch + 1}.`;
}

function showBatch(point: BatchPoint, chart: ProgressChart): void {
  chart.add(point);
  const fixed = (value: number | null): string => (value === null ? '–' : value.toFixed(3));
  ui.progress.dataset.epoch = String(point.epoch);
  ui.progress.dataset.batch = String(point.batch);
  ui.progress.dataset.points = String(chart.points);
  ui.progress.textContent =
    `epoch ${point.epoch + 1}, batch ${point.batch + 1}: ` +
    `loss ${fixed(point.loss)}, accuracy ${fixed(point.accuracy)}`;
}

function enableButtons(page: PageModel): void {
  const busy = BUSY.includes(page.state);
  ui.stop.disabled = page.state !== 'training';
  ui.start.disabled = busy || page.state === 'training';
  ui.resume.disabled = busy || page.state === 'training' || page.saved === undefined;
  ui.discard.disabled = busy || page.state === 'training' || page.saved === undefined;
}

async function refreshSaved(page: PageModel): Promise<void> {
  page.saved = await page.store.load(trainingKey(page.settings));
  showSaved(page.saved);
}

function newSession(page: PageModel): WorkerSession {
  page.session?.dispose();
  const session = new WorkerSession(page.settings, page.slice, page.store, {
    state: (state, detail) => {
      page.state = state;
      showStatus(state, detail);
      if (state === 'training' || state === 'requesting') enableButtons(page);
      else void refreshSaved(page).then(() => enableButtons(page));
    },
    batch: (point) => showBatch(point, page.chart),
    fresh: () => page.chart.clear(),
  });
  page.session = session;
  return session;
}

function wireButtons(page: PageModel): void {
  ui.start.addEventListener('click', () => {
    void (async () => {
      await page.store.remove(trainingKey(page.settings));
      await refreshSaved(page);
      await newSession(page).run();
    })();
  });
  ui.stop.addEventListener('click', () => void page.session?.stop());
  ui.resume.addEventListener('click', () => {
    if (page.state === 'stopped' && page.session !== undefined) {
      void page.session.resume();
      return;
    }
    // After a reload: join the cycle again and resume from the browser's storage (the chart
    // already shows the saved points).
    void newSession(page).run(page.saved);
  });
  ui.discard.addEventListener('click', () => {
    void page.store
      .remove(trainingKey(page.settings))
      .then(() => refreshSaved(page))
      .then(() => enableButtons(page));
  });
}

async function main(): Promise<void> {
  showStatus('loading', 'loading');
  const settings = readWorkerSettings(location.search);
  ui.process.textContent =
    `${settings.modelName} ${settings.modelVersion}, MNIST examples ` +
    `${settings.offset}..${settings.offset + settings.count - 1}`;

  // The wasm backend fetches its binaries from beside the library bundle.
  setWasmPaths(new URL('./', import.meta.url).href);
  showStatus('loading', `starting the ${settings.backend} backend`);
  const backend = await selectBackend(settings.backend);
  ui.backend.textContent = backend;
  ui.backend.dataset.backend = backend;

  showStatus('loading', 'downloading the MNIST slice');
  const [store, slice] = await Promise.all([
    CheckpointStore.open(),
    fetchMnistSlice(settings.offset, settings.count),
  ]);
  const page: PageModel = {
    settings,
    store,
    slice,
    chart: new ProgressChart(ui.chart),
    session: undefined,
    saved: undefined,
    state: 'ready',
  };
  await refreshSaved(page);
  for (const point of page.saved?.progress ?? []) showBatch(point, page.chart);
  wireButtons(page);
  showStatus('ready', page.saved === undefined ? 'ready' : 'ready: a saved checkpoint can resume');
  enableButtons(page);
}

function startPage(): void {
  main().catch((error: unknown) => {
    showStatus('failed', `failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}

// Backend start-up and the download are long: begin them once the page has loaded.
if (document.readyState === 'complete') startPage();
else window.addEventListener('load', startPage, { once: true });
