import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { EXIT_OK, EXIT_USAGE, exitCodeFor } from './exit-code.js';
import { CliUsageError } from './errors.js';
import { buildProgram } from './program.js';

/** Runs the program in-process on the given arguments, capturing stderr and the exit code. */
async function run(args: string[]): Promise<{ code: number; err: string; out: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.on('data', (chunk: Buffer) => (outText += chunk.toString()));
  err.on('data', (chunk: Buffer) => (errText += chunk.toString()));
  const streams = {
    out: out as unknown as NodeJS.WriteStream,
    err: err as unknown as NodeJS.WriteStream,
  };
  let code = EXIT_OK;
  try {
    await buildProgram(streams).parseAsync(['node', 'syft', ...args]);
  } catch (error) {
    code = exitCodeFor(error, err);
  }
  return { code, err: errText, out: outText };
}

describe('syft option validation', () => {
  it.each([
    [['demo', 'mnist', '--workers', 'ten'], "'--workers <count>' argument 'ten' is invalid"],
    [['demo', 'mnist', '--workers', '0'], 'expected a whole number from 1 to 10000'],
    [['demo', 'mnist', '--lr', '-1'], 'expected a number greater than 0 and at most 10'],
    [['demo', 'mnist', '--lr', 'fast'], "argument 'fast' is invalid"],
    [['demo', 'mnist', '--cycles', '2.5'], "argument '2.5' is invalid"],
    [['demo', 'mnist', '--target', '97'], 'at most 1'],
    [['demo', 'mnist', '--iid', '--non-iid'], 'cannot be used with option'],
    [['demo', 'cifar'], "value 'cifar' is invalid for argument 'name'. Allowed choices are mnist"],
    [['demo', 'mnist', '--wokers', '3'], "unknown option '--wokers' (Did you mean --workers?)"],
    [['grid', 'start', '--port', '70000'], 'expected a whole number from 0 to 65535'],
    [
      ['worker', '--grid', 'nowhere', '--model', 'm', '--version', '1', '--data', '.'],
      'expected a URL',
    ],
    [
      ['worker', '--grid', 'ftp://x', '--model', 'm', '--version', '1', '--data', '.'],
      'http, https, ws or wss',
    ],
    [
      ['worker', '--grid', 'http://127.0.0.1:1', '--model', 'm', '--data', '.'],
      "required option '--version <version>'",
    ],
    [['host', 'p.js'], "required option '--grid <url>'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('%j is a one-line usage error with exit code 2', async (args, message) => {
    const { code, err } = await run(args);

    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain(message);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('refuses options that do not fit together with exit code 2', async () => {
    const { code, err } = await run(['demo', 'mnist', '--workers', '4', '--per-cycle', '6']);

    expect(code).toBe(EXIT_USAGE);
    expect(err).toBe('error: --per-cycle 6 is more than --workers 4.\n');
  });

  it('refuses syft host without a token, with exit code 2', async () => {
    const { code, err } = await run(['host', 'p.js', '--grid', 'http://127.0.0.1:1']);

    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('--token-file <path> or --token <token>');
  });

  it('prints help with exit code 0', async () => {
    const { code, out } = await run(['demo', '--help']);

    expect(code).toBe(EXIT_OK);
    expect(out).toContain('--non-iid');
    expect(out).toMatch(/--threads <count>\s+worker threads \(default: CPU cores\)\n/);
  });

  it('maps a usage error to 2 and anything else to 1, without a stack trace', () => {
    const err = new PassThrough();
    let text = '';
    err.on('data', (chunk: Buffer) => (text += chunk.toString()));

    expect(exitCodeFor(new CliUsageError('bad'), err)).toBe(2);
    expect(exitCodeFor(new Error('boom\n    at somewhere'), err)).toBe(1);
    expect(text).toBe('error: bad\nerror: unexpected failure: boom\n');
  });
});

describe('the built syft binary', () => {
  const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

  it('exits with 2 and one line for a bad option value', async () => {
    const result = await promisify(execFile)('node', [
      main,
      'demo',
      'mnist',
      '--epochs',
      'x',
    ]).catch((error: { code: number; stderr: string }) => error);

    expect('code' in result ? result.code : 0).toBe(2);
    expect(result.stderr).toBe(
      "error: option '--epochs <count>' argument 'x' is invalid. expected a whole number from 1 to 1000, got 'x'.\n",
    );
  });
});
