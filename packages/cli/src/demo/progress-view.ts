import { MultiBar, Presets, type SingleBar } from 'cli-progress';

import type { CycleRecord } from '../report/run-record.js';

/** Shows a run's progress as it happens. */
export interface ProgressView {
  /** The run starts: how many cycles, workers per cycle, and the initial model's test scores. */
  begin(totalCycles: number, workersPerCycle: number, initial: TestScores): void;
  /** Another worker of the current cycle has reported. */
  workerReported(cycle: number, reported: number): void;
  /** A cycle's checkpoint has been evaluated. */
  cycleDone(record: CycleRecord): void;
  /** A free-form message, such as where the grid listens. */
  note(message: string): void;
  /** The run is over; the view releases the terminal. */
  end(): void;
}

/** Accuracy and mean loss of a model on the test set. */
export interface TestScores {
  /** Fraction of test images classified correctly, in [0, 1]. */
  readonly accuracy: number;
  /** Mean cross-entropy loss over the test images. */
  readonly loss: number;
}

/**
 * One line describing a cycle, as printed in plain mode and above the progress bars.
 *
 * @param record - the cycle
 * @param totalCycles - cycles planned, for the `n/total` counter
 * @returns the line, without a newline
 */
export function formatCycleLine(record: CycleRecord, totalCycles: number): string {
  const width = String(totalCycles).length;
  return [
    `cycle ${String(record.cycle).padStart(width)}/${totalCycles}`,
    `accuracy ${(record.accuracy * 100).toFixed(2).padStart(6)}%`,
    `loss ${record.loss.toFixed(4)}`,
    `workers ${record.workers}`,
    `moved ${(record.bytesMoved / 1e6).toFixed(1)} MB`,
    `time ${record.cycleSeconds.toFixed(1)} s`,
  ].join('  ');
}

/** Plain lines on a stream: for pipes, logs, CI and `--plain`. */
export class PlainProgressView implements ProgressView {
  private totalCycles = 0;

  /** @param out - where lines go */
  constructor(private readonly out: NodeJS.WritableStream) {}

  begin(totalCycles: number, workersPerCycle: number, initial: TestScores): void {
    this.totalCycles = totalCycles;
    this.out.write(
      `start: ${totalCycles} cycles of ${workersPerCycle} workers; initial accuracy ` +
        `${(initial.accuracy * 100).toFixed(2)}%  loss ${initial.loss.toFixed(4)}\n`,
    );
  }

  workerReported(_cycle: number, _reported: number): void {
    // Plain mode prints one line per cycle, not per worker.
  }

  cycleDone(record: CycleRecord): void {
    this.out.write(`${formatCycleLine(record, this.totalCycles)}\n`);
  }

  note(message: string): void {
    this.out.write(`${message}\n`);
  }

  end(): void {
    // Nothing to release.
  }
}

/** Live progress bars on a terminal (cli-progress): all cycles, and the current cycle's workers. */
export class TerminalProgressView implements ProgressView {
  private readonly bars: MultiBar;
  private cyclesBar: SingleBar | null = null;
  private workersBar: SingleBar | null = null;
  private totalCycles = 0;

  /** @param out - the terminal stream */
  constructor(out: NodeJS.WritableStream) {
    this.bars = new MultiBar(
      {
        stream: out,
        hideCursor: true,
        clearOnComplete: false,
        format: '{label} {bar} {value}/{total} {info}',
      },
      Presets.shades_classic,
    );
  }

  begin(totalCycles: number, workersPerCycle: number, initial: TestScores): void {
    this.totalCycles = totalCycles;
    const info = `accuracy ${(initial.accuracy * 100).toFixed(2)}%`;
    this.cyclesBar = this.bars.create(totalCycles, 0, { label: 'cycles ', info });
    this.workersBar = this.bars.create(workersPerCycle, 0, { label: 'workers', info: 'cycle 1' });
  }

  workerReported(cycle: number, reported: number): void {
    this.workersBar?.update(reported, { info: `cycle ${cycle}` });
  }

  cycleDone(record: CycleRecord): void {
    this.bars.log(`${formatCycleLine(record, this.totalCycles)}\n`);
    this.cyclesBar?.update(record.cycle, {
      info: `accuracy ${(record.accuracy * 100).toFixed(2)}%  loss ${record.loss.toFixed(4)}`,
    });
    if (record.cycle < this.totalCycles) {
      this.workersBar?.update(0, { info: `cycle ${record.cycle + 1}` });
    }
  }

  note(message: string): void {
    this.bars.log(`${message}\n`);
  }

  end(): void {
    this.bars.stop();
  }
}

/**
 * Progress bars on a terminal, plain lines otherwise or when asked.
 *
 * @param out - the output stream (stdout)
 * @param plain - force plain lines
 * @returns the view
 */
export function createProgressView(out: NodeJS.WriteStream, plain: boolean): ProgressView {
  return plain || !out.isTTY ? new PlainProgressView(out) : new TerminalProgressView(out);
}
