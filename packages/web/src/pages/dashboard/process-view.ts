import type { Chart } from 'chart.js';
import { lossAccuracyChart } from '../shared/chart-setup.js';
import { el, row, table, timeOf } from './dom.js';
import type { CycleSummary, EvaluationSummary, ProcessSummary } from './grid-api.js';

/** Workers a process admitted and turned away over all its cycles. */
export interface WorkerCounts {
  accepted: number;
  reports: number;
  rejected: Record<string, number>;
}

/** Sums admissions, reports and rejections (by reason) over cycles. */
export function countWorkers(cycles: readonly CycleSummary[]): WorkerCounts {
  const counts: WorkerCounts = { accepted: 0, reports: 0, rejected: {} };
  for (const cycle of cycles) {
    counts.accepted += cycle.admitted;
    counts.reports += cycle.reports;
    for (const [reason, n] of Object.entries(cycle.rejected)) {
      counts.rejected[reason] = (counts.rejected[reason] ?? 0) + n;
    }
  }
  return counts;
}

/** `reason n, reason n` or `none`. */
export function describeRejections(rejected: Record<string, number>): string {
  const parts = Object.entries(rejected)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason.replaceAll('_', ' ')} ${n}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** One line about a process: status, cycles and checkpoints. */
export function describeProcess(process: ProcessSummary): string {
  const total = process.num_cycles === 0 ? 'unlimited' : String(process.num_cycles);
  const current =
    process.current_cycle === null ? 'no open cycle' : `cycle ${process.current_cycle} open`;
  const checkpoints = process.checkpoints.length === 0 ? 'none' : process.checkpoints.join(', ');
  return (
    `${process.status === 'running' ? 'Running' : 'Complete'}: ${current}, ` +
    `${process.cycles_completed} of ${total} cycles completed; checkpoints ${checkpoints}.`
  );
}

const fixed = (value: number | null, digits = 3): string =>
  value === null ? '–' : value.toFixed(digits);

/**
 * The dashboard's section for one process: its workers, cycles and evaluations, and a chart
 * of accuracy and loss per evaluated checkpoint. Re-rendered in place on every poll; the
 * chart object is kept so it does not flicker.
 */
export class ProcessView {
  /** The section element to put in the page. */
  readonly root: HTMLElement;
  private readonly summary = el('p', undefined, { role: 'summary' });
  private readonly workers = el('div');
  private readonly cycles = el('div');
  private readonly evaluations = el('div');
  private readonly chartBox = el('div', undefined, { role: 'evaluation-chart' });
  private chart: Chart<'line'> | undefined;

  /** @param processId - the process this view shows */
  constructor(processId: number) {
    this.root = el('section', undefined, { process: String(processId) });
    this.root.className = 'panel';
    this.chartBox.className = 'chart';
    this.root.append(
      el('h2'),
      this.summary,
      el('h3', 'Workers'),
      this.workers,
      el('h3', 'Cycles'),
      this.cycles,
      el('h3', 'Evaluation per checkpoint'),
      this.evaluations,
      this.chartBox,
    );
  }

  /** Renders the latest data. */
  render(
    process: ProcessSummary,
    cycles: readonly CycleSummary[],
    evaluations: readonly EvaluationSummary[],
  ): void {
    const heading = this.root.querySelector('h2');
    if (heading !== null) heading.textContent = `${process.name} ${process.version}`;

    this.summary.textContent = describeProcess(process);
    this.summary.dataset.status = process.status;

    const counts = countWorkers(cycles);
    this.workers.replaceChildren(
      table(
        ['accepted', 'reported', 'rejected (by reason)'],
        [
          row(
            [String(counts.accepted), String(counts.reports), describeRejections(counts.rejected)],
            {
              role: 'workers',
            },
          ),
        ],
      ),
    );

    const cycleRows = [...cycles]
      .reverse()
      .map((c) =>
        row(
          [
            String(c.sequence),
            c.status === 'open' ? 'open' : 'closed',
            timeOf(c.started_at),
            c.status === 'open' ? timeOf(c.deadline) : '–',
            timeOf(c.closed_at),
            String(c.admitted),
            String(c.reports),
            describeRejections(c.rejected),
            c.checkpoint_number === null ? '–' : String(c.checkpoint_number),
          ],
          { cycle: String(c.sequence), status: c.status === 'open' ? 'open' : 'closed' },
        ),
      );
    this.cycles.replaceChildren(
      table(
        [
          'cycle',
          'status',
          'started',
          'deadline',
          'closed',
          'accepted',
          'reports',
          'rejected',
          'checkpoint',
        ],
        cycleRows,
      ),
    );

    this.renderEvaluations(evaluations);
  }

  private renderEvaluations(evaluations: readonly EvaluationSummary[]): void {
    if (evaluations.length === 0) {
      this.evaluations.replaceChildren(
        el('p', 'No evaluation recorded yet.', { role: 'no-evaluation' }),
      );
      this.chartBox.hidden = true;
      return;
    }
    this.evaluations.replaceChildren(
      table(
        ['checkpoint', 'accuracy', 'loss', 'examples', 'recorded'],
        evaluations.map((e) =>
          row(
            [
              String(e.checkpoint),
              fixed(e.accuracy),
              fixed(e.loss),
              e.examples === null ? '–' : String(e.examples),
              timeOf(e.recorded_at),
            ],
            { checkpoint: String(e.checkpoint) },
          ),
        ),
      ),
    );

    this.chartBox.hidden = false;
    if (this.chart === undefined) {
      const canvas = el('canvas');
      this.chartBox.append(canvas);
      this.chart = lossAccuracyChart(canvas, 'checkpoint', 4);
    }
    const chart = this.chart;
    chart.data.labels = evaluations.map((e) => String(e.checkpoint));
    const [loss, accuracy] = chart.data.datasets;
    if (loss !== undefined) loss.data = evaluations.map((e) => e.loss);
    if (accuracy !== undefined) accuracy.data = evaluations.map((e) => e.accuracy);
    chart.update();
  }
}
