/**
 * The machine and software versions a run was measured on.
 */
import { createRequire } from 'node:module';
import { cpus, totalmem } from 'node:os';

const require = createRequire(import.meta.url);

const versionOf = (pkg: string): string =>
  (require(`${pkg}/package.json`) as { version: string }).version;

/** A Markdown block describing the machine and versions. */
export function machineMarkdown(): string {
  const cores = cpus();
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return [
    '| | |',
    '|---|---|',
    `| CPU | ${cores.length} x ${cores[0]?.model ?? 'unknown'} |`,
    `| memory | ${gib} GiB |`,
    `| OS | ${process.platform} ${process.arch} |`,
    `| Node | ${process.version} |`,
    `| @tensorflow/tfjs | ${versionOf('@tensorflow/tfjs')} |`,
    `| @tensorflow/tfjs-backend-wasm | ${versionOf('@tensorflow/tfjs-backend-wasm')} |`,
    `| @tensorflow/tfjs-backend-cpu | ${versionOf('@tensorflow/tfjs-backend-cpu')} |`,
    `| @openmined/syft.js | ${versionOf('@openmined/syft.js')} |`,
    `| tinybench | ${versionOf('tinybench')} |`,
    '',
  ].join('\n');
}
