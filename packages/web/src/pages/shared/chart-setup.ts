import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  LinearScale,
  CategoryScale,
  Legend,
  Tooltip,
);

/**
 * A line chart of loss (left axis) and accuracy (right axis, 0..1) over `xLabel`, drawn with
 * chart.js (bundled, no CDN), without animation so that frequent updates stay cheap.
 *
 * @param canvas - where to draw
 * @param xLabel - what the x axis counts (batches, checkpoints)
 * @param pointRadius - radius of the point markers (0 for none: many points)
 * @returns the chart; push to `data.labels` and `data.datasets[0|1].data`, then `update()`
 */
export function lossAccuracyChart(
  canvas: HTMLCanvasElement,
  xLabel: string,
  pointRadius = 0,
): Chart<'line'> {
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: [],
      datasets: [
        {
          label: 'loss',
          data: [],
          borderColor: '#c0392b',
          backgroundColor: '#c0392b',
          yAxisID: 'loss',
          pointRadius,
        },
        {
          label: 'accuracy',
          data: [],
          borderColor: '#2471a3',
          backgroundColor: '#2471a3',
          yAxisID: 'accuracy',
          pointRadius,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      spanGaps: true,
      scales: {
        x: { title: { display: true, text: xLabel }, ticks: { maxTicksLimit: 10 } },
        loss: { type: 'linear', position: 'left', title: { display: true, text: 'loss' } },
        accuracy: {
          type: 'linear',
          position: 'right',
          min: 0,
          max: 1,
          title: { display: true, text: 'accuracy' },
          grid: { drawOnChartArea: false },
        },
      },
    },
  });
}
