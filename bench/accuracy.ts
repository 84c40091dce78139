/**
 * Section 5, time to accuracy (optional, `--with-accuracy`): runs the CLI's MNIST demo (the
 * 2NN of McMahan et al. 2017, 10 IID workers, FedAvg, the demo's defaults) as a child process
 * with `--stop-at-target` and reads from its summary the cycle that first reached 97% test
 * accuracy and the wall time. `@syft-ts/cli` exports no function, so the built `syft` command
 * is the entry point.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SectionResult } from './report.js';

const TITLE = '5. Time to accuracy (2NN, IID, 97% MNIST test accuracy)';
const MAX_CYCLES = 40;

/** The section's entry when `--with-accuracy` was not given. */
export function skippedAccuracy(): SectionResult {
  return {
    title: TITLE,
    method: 'Skipped: it takes minutes. Run `npm run bench -- --with-accuracy` to include it.',
    rows: [],
    notes: [],
  };
}

function runDemo(reportDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        'packages/cli/dist/main.js',
        'demo',
        'mnist',
        '--plain',
        '--stop-at-target',
        '--target',
        '0.97',
        '--cycles',
        String(MAX_CYCLES),
        '--report',
        join(reportDir, 'report.html'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`demo exited with ${code}: ${out.slice(-500)}`)),
    );
  });
}

/** Runs section 5. */
export async function benchAccuracy(): Promise<SectionResult> {
  const reportDir = mkdtempSync(join(tmpdir(), 'syft-bench-demo-'));
  try {
    const started = performance.now();
    const out = await runDemo(reportDir);
    const wallSeconds = (performance.now() - started) / 1000;
    const settings = /Federated MNIST: [^\n]*/.exec(out)?.[0] ?? '';
    const summary = /Summary: (\d+) cycles in ([\d.]+) s/.exec(out);
    const reached = /first reached at cycle (\d+)/.exec(out)?.[1];
    const finalAccuracy = /final test accuracy ([\d.]+)%/.exec(out)?.[1] ?? '?';
    return {
      title: TITLE,
      method:
        `\`syft demo mnist --stop-at-target --target 0.97 --cycles ${MAX_CYCLES}\` in a child ` +
        `process (embedded grid, worker threads). ${settings}.`,
      rows: [
        {
          what: 'cycles to 97% test accuracy',
          value: reached ?? `not reached in ${MAX_CYCLES}`,
          ratio: '',
          target: '',
          pass: null,
        },
        {
          what: 'demo wall time (its summary) / whole child process',
          value: `${summary?.[2] ?? '?'} s / ${wallSeconds.toFixed(0)} s`,
          ratio: '',
          target: '',
          pass: null,
        },
        {
          what: 'final test accuracy',
          value: `${finalAccuracy}%`,
          ratio: '',
          target: '',
          pass: null,
        },
      ],
      notes: [],
    };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
