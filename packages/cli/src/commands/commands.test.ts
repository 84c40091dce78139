import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { hostTraining } from '@syft-ts/client';
import { startGrid } from '@syft-ts/grid';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

import { buildMnistProcess } from '../demo/mnist-process.js';
import { readMnist } from '../mnist/mnist-dataset.js';
import type { CommandStreams } from '../program.js';
import { loadProcessModule, ownerTokenFrom, runHost } from './host-command.js';
import { runWorker } from './worker-command.js';

type Grid = Awaited<ReturnType<typeof startGrid>>;
const grids: Grid[] = [];
afterEach(async () => {
  await Promise.all(grids.splice(0).map((grid) => grid.close()));
});

async function quietGrid(): Promise<Grid> {
  const dataDir = await mkdtemp(join(tmpdir(), 'syft-cli-grid-'));
  const grid = await startGrid({ port: 0, dataDir, logger: pino({ level: 'silent' }) });
  grids.push(grid);
  return grid;
}

function captureStreams(): CommandStreams & { text: () => string } {
  let text = '';
  const stream = { write: (chunk: string) => ((text += chunk), true) } as NodeJS.WriteStream;
  return { out: stream, err: stream, text: () => text };
}

describe('syft worker', () => {
  it('joins cycles with examples.json data until the process completes, honouring max_updates', async () => {
    const grid = await quietGrid();
    const mnist = buildMnistProcess(10, 100, 1);
    await hostTraining(grid.url, grid.ownerToken, {
      name: 'mnist',
      version: '1.0.0',
      model: mnist.initialModel,
      plans: { training_plan: mnist.trainingPlan },
      clientConfig: { lr: 0.1, batch_size: 10, max_epochs: 2, max_updates: 3 },
      serverConfig: { cycle_length: 60, num_cycles: 2, max_diffs: 1 },
      verbose: true,
    });
    const train = await readMnist('train');
    const images = Array.from({ length: 50 }, (_, i) => [
      ...train.pixels.subarray(i * 784, (i + 1) * 784),
    ]);
    const dataDir = await mkdtemp(join(tmpdir(), 'syft-worker-data-'));
    await writeFile(
      join(dataDir, 'examples.json'),
      JSON.stringify({ images, labels: [...train.labels.subarray(0, 50)] }),
    );
    const streams = captureStreams();

    await runWorker({ grid: grid.url, model: 'mnist', version: '1.0.0', data: dataDir }, streams);

    expect(streams.text()).toContain('cycle report 1: 60 samples');
    expect(streams.text()).toContain('cycle report 2: 60 samples');
    expect(streams.text()).toMatch(/process complete \(.*\); 2 cycles reported/);
  });
});

describe('syft host', () => {
  it('hosts the process a module default-exports (author flProcess), with a token file', async () => {
    const grid = await quietGrid();
    const author = pathToFileURL(
      fileURLToPath(new URL('../../../author/dist/index.js', import.meta.url)),
    ).href;
    const folder = await mkdtemp(join(tmpdir(), 'syft-host-'));
    const modulePath = join(folder, 'process.mjs');
    await writeFile(
      modulePath,
      `import { flProcess, mnist2nn } from ${JSON.stringify(author)};\n` +
        `export default async () => flProcess(mnist2nn({ seed: 1, batchSize: 10 }), {\n` +
        `  name: 'mnist', version: '2.0.0', clientConfig: { lr: 0.1, batch_size: 10 },\n` +
        `  serverConfig: { cycle_length: 60, num_cycles: 1, max_diffs: 1 } });\n`,
    );
    const streams = captureStreams();

    await runHost(modulePath, { grid: grid.url, tokenFile: grid.ownerTokenPath }, streams);

    expect(streams.text()).toBe(`hosted mnist 2.0.0 on ${grid.url}\n`);
    const checkpoint = await fetch(
      `${grid.url}/model-centric/retrieve-model?name=mnist&version=2.0.0&checkpoint=1`,
      { headers: { authorization: `Bearer ${grid.ownerToken}` } },
    );
    expect(checkpoint.status).toBe(200);
    await expect(
      runHost(modulePath, { grid: grid.url, token: grid.ownerToken }, streams),
    ).rejects.toThrow(/hosting failed/);
  });

  it('names what is wrong with a module or a token', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'syft-host-'));
    await writeFile(join(folder, 'partial.mjs'), 'export default { name: "m", version: "1" };\n');
    await writeFile(join(folder, 'none.mjs'), 'export const x = 1;\n');
    await writeFile(
      join(folder, 'throws.mjs'),
      'export default () => { throw new Error("no data here"); };\n',
    );
    await writeFile(join(folder, 'empty-token'), '\n');

    await expect(loadProcessModule(join(folder, 'partial.mjs'))).rejects.toThrow(
      'lacks model, plans, clientConfig, serverConfig',
    );
    await expect(loadProcessModule(join(folder, 'none.mjs'))).rejects.toThrow(
      'must default-export',
    );
    await expect(loadProcessModule(join(folder, 'missing.mjs'))).rejects.toThrow('cannot import');
    await expect(loadProcessModule(join(folder, 'throws.mjs'))).rejects.toThrow(
      `module ${join(folder, 'throws.mjs')} failed: no data here`,
    );
    await expect(
      ownerTokenFrom({ grid: 'x', tokenFile: join(folder, 'empty-token') }),
    ).rejects.toThrow('is empty');
    await expect(ownerTokenFrom({ grid: 'x', tokenFile: join(folder, 'nope') })).rejects.toThrow(
      /--token-file .*nope: ENOENT/,
    );
  });
});

describe('syft host (built binary)', () => {
  it('hosts a module that builds its model at import time, as docs/authoring.md shows', async () => {
    const grid = await quietGrid();
    const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
    const author = pathToFileURL(
      fileURLToPath(new URL('../../../author/dist/index.js', import.meta.url)),
    ).href;
    const modulePath = join(await mkdtemp(join(tmpdir(), 'syft-host-')), 'mnist-process.mjs');
    await writeFile(
      modulePath,
      `import { flProcess, mnist2nn } from ${JSON.stringify(author)};\n` +
        `export default flProcess(mnist2nn({ seed: 1 }), {\n` +
        `  name: 'mnist', version: '1.0.0', clientConfig: { lr: 0.1, max_updates: 100 },\n` +
        `  serverConfig: { cycle_length: 28800, num_cycles: 5, max_diffs: 1 } });\n`,
    );
    const args = [main, 'host', modulePath, '--grid', grid.url];
    const child = spawn('node', [...args, '--token-file', grid.ownerTokenPath]);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    const code = await new Promise((resolve) => child.on('exit', resolve));

    expect(output).toBe(`hosted mnist 1.0.0 on ${grid.url}\n`);
    expect(code).toBe(0);
  }, 60_000);
});

describe('examples/mnist-process.mjs', () => {
  it('is a module syft host accepts, as the README shows', async () => {
    const grid = await quietGrid();
    const example = fileURLToPath(
      new URL('../../../../examples/mnist-process.mjs', import.meta.url),
    );

    const { code, output } = await runBuiltCli([
      'host',
      example,
      '--grid',
      grid.url,
      '--token-file',
      grid.ownerTokenPath,
    ]);

    expect(output).toBe(`hosted mnist 1.0.0 on ${grid.url}\n`);
    expect(code).toBe(0);
  }, 60_000);
});

describe('syft grid start (built binary)', () => {
  it('serves until SIGTERM, says where the owner token is, then closes cleanly', async () => {
    const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
    const dataDir = join(await mkdtemp(join(tmpdir(), 'syft-grid-cmd-')), 'data');
    await mkdir(dataDir);
    const child = spawn('node', [main, 'grid', 'start', '--port', '0', '--data', dataDir]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start line in: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        if (out.includes('press Ctrl+C')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = /grid listening on (http:\/\/\S+)/.exec(out)?.[1] ?? '';
    const token = (await readFile(join(dataDir, 'owner-token'), 'utf8')).trim();

    const reply = await fetch(`${url}/model-centric/retrieve-model?name=none`, {
      headers: { authorization: `Bearer ${token}` },
    });
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('exit', resolve));

    expect(reply.status).toBe(404);
    expect(out).toContain(`owner token: in ${join(dataDir, 'owner-token')}`);
    expect(out).not.toContain(token);
    expect(out).toContain('SIGTERM: closing the grid');
    expect(code).toBe(0);
  }, 60_000);
});

/** Runs the built `syft` with `args`; resolves with its exit code and stdout + stderr. */
function runBuiltCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
  const child = spawn('node', [main, ...args]);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

describe('paths, ports and hosts checked before the work (built binary)', () => {
  it('refuses a demo --report path that is a folder before training', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'syft-report-'));

    const { code, output } = await runBuiltCli(['demo', 'mnist', '--report', folder]);

    expect(code).toBe(2);
    expect(output).toBe(`error: --report ${folder} is a folder, not a file.\n`);
  });

  it('refuses a grid --data path that is a file, or that cannot be created', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'syft-data-')), 'file');
    await writeFile(file, 'x');

    const asFile = await runBuiltCli(['grid', 'start', '--port', '0', '--data', file]);
    const underProc = await runBuiltCli(['grid', 'start', '--port', '0', '--data', '/proc/nope']);
    const underFile = await runBuiltCli(['grid', 'start', '--data', join(file, 'data')]);

    expect(asFile).toEqual({ code: 2, output: `error: --data ${file} is a file, not a folder.\n` });
    expect(underProc.code).toBe(2);
    expect(underProc.output).toMatch(/^error: --data \/proc\/nope: cannot create \/proc\/nope/);
    expect(underFile.code).toBe(2);
    expect(underFile.output).toContain(`${file} is not a folder`);
  });

  it('names a port in use (exit 1) and a host that does not resolve (exit 2)', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = String((taken.address() as { port: number }).port);
    const dataDir = await mkdtemp(join(tmpdir(), 'syft-data-'));

    const inUse = await runBuiltCli(['grid', 'start', '--port', port, '--data', dataDir]);
    const badHost = await runBuiltCli([
      'grid',
      'start',
      '--host',
      'no-such-host.invalid',
      '--data',
      dataDir,
    ]);
    taken.close();

    expect(inUse.code).toBe(1);
    expect(inUse.output).toContain(`error: port ${port} on 127.0.0.1 is already in use.\n`);
    expect(badHost.code).toBe(2);
    expect(badHost.output).toMatch(/error: --host no-such-host\.invalid: cannot listen there/);
  });

  it('names the store file when grid.sqlite is not a database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'syft-data-'));
    await writeFile(join(dataDir, 'grid.sqlite'), 'this is not a database, just text'.repeat(200));

    const { code, output } = await runBuiltCli(['grid', 'start', '--port', '0', '--data', dataDir]);

    expect(code).toBe(1);
    expect(output).toContain(`error: cannot open the grid store ${join(dataDir, 'grid.sqlite')}`);
  });
});
