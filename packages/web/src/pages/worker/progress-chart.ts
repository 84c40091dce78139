import type { Chart } from 'chart.js';
import { lossAccuracyChart } from '../shared/chart-setup.js';
import type { BatchPoint } from './checkpoint-store.js';

/**
 * The worker page's chart: loss and accuracy per trained batch. Points arrive once per batch;
 * the drawing is coalesced to one per animation frame.
 */
export class ProgressChart {
  private readonly chart: Chart<'line'>;
  private drawPending = false;
  private step = 0;

  /** @param canvas - where to draw */
  constructor(canvas: HTMLCanvasElement) {
    this.chart = lossAccuracyChart(canvas, 'batch');
  }

  /** Adds one batch's point. */
  add(point: BatchPoint): void {
    this.step++;
    this.chart.data.labels?.push(String(this.step));
    this.chart.data.datasets[0]?.data.push(point.loss);
    this.chart.data.datasets[1]?.data.push(point.accuracy);
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.chart.update();
    });
  }

  /** Removes every point (a fresh training starts). */
  clear(): void {
    this.step = 0;
    this.chart.data.labels = [];
    for (const dataset of this.chart.data.datasets) dataset.data = [];
    this.chart.update();
  }

  /** Number of points drawn so far. */
  get points(): number {
    return this.step;
  }
}
