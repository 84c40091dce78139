/**
 * The machine and software versions a run was measured on.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

// Read from node_modules directly: some packages do not export their package.json.
const versionOf = (pkg: string): string =>
  (
    JSON.parse(readFileSync(join('node_modules', pkg, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** The commit measured, marked when packages/ had uncommitted changes (they are built too). */
function commitMeasured(): string {
  try {
    const git = (...args: string[]): string =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'packages') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' plus uncommitted changes in packages/' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

/** The 1-minute load average, formatted (other processes compete for the cores). */
export function loadAverage(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

/**
 * A Markdown block describing the machine and versions.
 * @param loadAtStart - the load average when the run started
 */
export function machineMarkdown(loadAtStart: string): string {
  const cores = cpus();
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return [
    '| | |',
    '|---|---|',
    `| CPU | ${cores.length} x ${cores[0]?.model ?? 'unknown'} |`,
    `| memory | ${gib} GiB |`,
    `| OS | ${process.platform} ${process.arch} |`,
    `| code | ${commitMeasured()} |`,
    `| load average (1 min) at start / end of the run | ${loadAtStart} / ${loadAverage()} |`,
    `| Node | ${process.version} |`,
    `| @tensorflow/tfjs | ${versionOf('@tensorflow/tfjs')} |`,
    `| @tensorflow/tfjs-backend-wasm | ${versionOf('@tensorflow/tfjs-backend-wasm')} |`,
    `| @tensorflow/tfjs-backend-cpu | ${versionOf('@tensorflow/tfjs-backend-cpu')} |`,
    `| @openmined/syft.js | ${versionOf('@openmined/syft.js')} |`,
    `| tinybench | ${versionOf('tinybench')} |`,
    '',
  ].join('\n');
}
