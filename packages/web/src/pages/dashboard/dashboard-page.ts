/**
 * The dashboard page (`/dashboard`): the grid's hosted processes, their cycles, workers and
 * evaluations, refreshed by polling the grid's read-only JSON endpoints. See docs/dashboard.md.
 */
import { el } from './dom.js';
import { fetchCycles, fetchEvaluations, fetchProcesses } from './grid-api.js';
import { ProcessView } from './process-view.js';

/** How often the dashboard polls, unless `?interval=<ms>` says otherwise (at least 250). */
const DEFAULT_INTERVAL_MS = 2000;

const processes = document.getElementById('processes') as HTMLElement;
const updated = document.getElementById('updated') as HTMLElement;
const views = new Map<number, ProcessView>();

function pollIntervalMs(): number {
  const asked = Number(new URLSearchParams(location.search).get('interval'));
  return Number.isInteger(asked) && asked >= 250 ? asked : DEFAULT_INTERVAL_MS;
}

async function refresh(): Promise<void> {
  const list = await fetchProcesses();
  const sections: HTMLElement[] = [];
  for (const process of list) {
    const [cycles, evaluations] = await Promise.all([
      fetchCycles(process.id),
      fetchEvaluations(process.id),
    ]);
    let view = views.get(process.id);
    if (view === undefined) {
      view = new ProcessView(process.id);
      views.set(process.id, view);
    }
    view.render(process, cycles, evaluations);
    sections.push(view.root);
  }
  if (list.length === 0) sections.push(el('p', 'No process is hosted yet.', { role: 'empty' }));
  processes.replaceChildren(...sections);
}

async function poll(): Promise<void> {
  try {
    await refresh();
    updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
    updated.dataset.live = 'yes';
  } catch (error) {
    updated.textContent = `cannot read the grid: ${error instanceof Error ? error.message : String(error)}`;
    updated.dataset.live = 'no';
  }
  setTimeout(() => void poll(), pollIntervalMs());
}

if (document.readyState === 'complete') void poll();
else window.addEventListener('load', () => void poll(), { once: true });
