// Node API around run-plan.mjs: runs a serialized plan in the published syft.js 0.1.4, in a
// child process started with the no-long.mjs preload. Types: run-syftjs-plan.d.mts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

/**
 * @param {Uint8Array} planBytes - an encoded syft-proto Plan (tfjs role)
 * @param {Array<number | {shape: number[], values: ArrayLike<number>, dtype?: string}>} inputs
 * @param {{backend?: 'cpu' | 'wasm', timeoutMs?: number}} [options]
 * @returns {Promise<Array<{shape: number[], dtype: string, values: number[]}>>}
 */
export function runSyftJsPlan(planBytes, inputs, options = {}) {
  const job = JSON.stringify({
    plan: Buffer.from(planBytes).toString('base64'),
    inputs: inputs.map((i) =>
      typeof i === 'number' ? i : { shape: i.shape, values: Array.from(i.values), dtype: i.dtype },
    ),
    backend: options.backend ?? 'cpu',
  });
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', here('./no-long.mjs'), here('./run-plan.mjs')],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`syft.js plan run timed out after ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      let line;
      try {
        line = JSON.parse(last);
      } catch {
        reject(new Error(`syft.js plan run printed no result; stderr: ${stderr.slice(-2000)}`));
        return;
      }
      if (line.event === 'outputs') resolve(line.outputs);
      else reject(new Error(`syft.js refused or failed the plan: ${line.message}`));
    });
    child.stdin.end(job);
  });
}
