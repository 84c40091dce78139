import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

import type { RunRecord } from './run-record.js';

/** The minified UMD build of Chart.js, read once from node_modules and inlined in each report. */
function chartLibrarySource(): string {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('chart.js'));
  return readFileSync(join(dist, 'chart.umd.min.js'), 'utf8').replaceAll('</script', '<\\/script');
}

/** Escapes text for HTML element content and attribute values. */
function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

const percent = (fraction: number): string => `${(fraction * 100).toFixed(2)}%`;

/** The per-cycle table; it also carries the numbers for readers without scripts. */
function cycleTable(run: RunRecord): string {
  const rows = run.cycles
    .map(
      (c) =>
        `<tr><td>${c.cycle}</td><td>${percent(c.accuracy)}</td><td>${c.loss.toFixed(4)}</td>` +
        `<td>${c.workers}</td><td>${(c.bytesMoved / 1e6).toFixed(1)}</td>` +
        `<td>${c.cycleSeconds.toFixed(1)}</td></tr>`,
    )
    .join('\n');
  return (
    '<table><thead><tr><th>cycle</th><th>accuracy</th><th>loss</th><th>workers</th>' +
    `<th>MB moved</th><th>seconds</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
  );
}

function settingsTable(run: RunRecord): string {
  const rows = Object.entries(run.settings)
    .map(
      ([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(String(value))}</td></tr>`,
    )
    .join('\n');
  return `<table class="settings"><tbody>\n${rows}\n</tbody></table>`;
}

function summaryLine(run: RunRecord): string {
  const last = run.cycles.at(-1);
  const reached =
    run.target.reachedAtCycle === null
      ? `not reached in ${run.cycles.length} cycles`
      : `reached at cycle ${run.target.reachedAtCycle}`;
  return (
    `Final test accuracy ${last ? percent(last.accuracy) : 'n/a'} after ${run.cycles.length} ` +
    `cycles in ${run.wallSeconds.toFixed(1)} s; target ${percent(run.target.accuracy)} ${reached}.`
  );
}

/** Browser-side script: draws accuracy and loss per cycle from the embedded run data. */
const DRAW_SCRIPT = `
const run = JSON.parse(document.getElementById('run-data').textContent);
const labels = [0, ...run.cycles.map((c) => c.cycle)];
const accuracy = [run.initial.accuracy, ...run.cycles.map((c) => c.accuracy)].map((a) => a * 100);
const loss = [run.initial.loss, ...run.cycles.map((c) => c.loss)];
new Chart(document.getElementById('chart'), {
  type: 'line',
  data: {
    labels,
    datasets: [
      { label: 'test accuracy (%)', data: accuracy, yAxisID: 'accuracy', borderColor: '#1f77b4', pointRadius: 2 },
      { label: 'test loss', data: loss, yAxisID: 'loss', borderColor: '#d62728', pointRadius: 2 },
    ],
  },
  options: {
    animation: false,
    interaction: { mode: 'index', intersect: false },
    scales: {
      x: { title: { display: true, text: 'cycle' } },
      accuracy: { position: 'left', title: { display: true, text: 'accuracy (%)' } },
      loss: { position: 'right', title: { display: true, text: 'loss' }, grid: { drawOnChartArea: false } },
    },
  },
});
`;

/**
 * Renders a self-contained HTML report of a run: accuracy and loss per cycle as a chart (Chart.js,
 * inlined, so the file opens offline), the per-cycle table, and the run's settings.
 *
 * @param run - the run to describe
 * @returns the HTML document
 */
export function renderRunReport(run: RunRecord): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(run.title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 960px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: right; }
table.settings th { text-align: left; }
#chart-box { position: relative; height: 420px; }
</style>
</head>
<body>
<h1>${escapeHtml(run.title)}</h1>
<p>Started ${escapeHtml(run.startedAt)}. ${escapeHtml(summaryLine(run))}</p>
<div id="chart-box"><canvas id="chart"></canvas></div>
<h2>Cycles</h2>
${cycleTable(run)}
<h2>Settings</h2>
${settingsTable(run)}
<script type="application/json" id="run-data">${scriptJson(run)}</script>
<script>${chartLibrarySource()}</script>
<script>${DRAW_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Writes the HTML report of a run, creating the folder if needed.
 *
 * @param path - where to write the file
 * @param run - the run to describe
 * @returns the absolute path written
 */
export async function writeRunReport(path: string, run: RunRecord): Promise<string> {
  const absolute = resolve(path);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, renderRunReport(run), 'utf8');
  return absolute;
}
